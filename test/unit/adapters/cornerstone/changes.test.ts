import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { listTranscriptChanges, splitWindow } from '../../../../adapters/cornerstone/changes.js';
import type { CsodTranscriptSearchItemDto } from '../../../../adapters/cornerstone/dto.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';
import { CORNERSTONE_TEST_PORTAL, useCornerstoneClients } from '../../../support/cornerstoneClients.js';
import { useNockHygiene } from '../../../support/nock.js';

const PORTAL = CORNERSTONE_TEST_PORTAL;
const SEARCH = '/services/api/LOTranscript/TranscriptSearch';
const USERS = '/services/api/x/odata/api/views/vw_rpt_user';
const HOUR = 3_600_000;

const newClient = useCornerstoneClients();
const portal = () => nock(PORTAL);
const legacy = (data: unknown[]) => ({ status: '200', timeStamp: '2026-01-02T00:00:00.000', data });
const item = (user: string, lo: number, group = 11): CsodTranscriptSearchItemDto => ({
  UserId: user,
  LoId: `00000000-0000-4000-8000-${String(lo).padStart(12, '0')}`,
  Status: group === 11 ? 'Terminé' : 'En cours',
  StatusGroupId: group,
  RegistrationDate: '2026-01-01T08:00:00',
  CompletionDate: group === 11 ? '2026-01-01T09:00:00.1234567Z' : null,
  ModificationDate: '2026-01-01T09:00:00+0000',
  Score: group === 11 ? '85' : null,
});

useNockHygiene();

describe('cornerstone Transcript Search (issue 15)', () => {
  it('cuts a window into consecutive windows of at most 24 h', () => {
    const since = new Date('2026-01-01T00:00:00Z');
    const parts = splitWindow({ since, until: new Date(since.getTime() + 50 * HOUR) });
    expect(parts.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'],
      ['2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'],
      ['2026-01-03T00:00:00.000Z', '2026-01-03T02:00:00.000Z'],
    ]);
    expect(splitWindow({ since, until: since })).toEqual([]);
  });

  it('walks every 24 h window page by page (50 a page), then maps User IDs to internal ids', async () => {
    portal().post('/services/api/oauth2/token').reply(200, { access_token: 't', expires_in: 3600 });
    const firstPage = Array.from({ length: 50 }, (_, i) => item(i % 2 === 0 ? 'UN-1' : 'UN-2', i));
    // Window 1: a full page, then a short one; window 2: nothing; window 3: one item (UTC ISO dates).
    portal()
      .get(SEARCH)
      .query({
        ModificationStartDate: '2026-01-01T00:00:00.000Z',
        ModificationEndDate: '2026-01-02T00:00:00.000Z',
        pageNumber: '1',
      })
      .reply(200, legacy(firstPage));
    portal()
      .get(SEARCH)
      .query({
        ModificationStartDate: '2026-01-01T00:00:00.000Z',
        ModificationEndDate: '2026-01-02T00:00:00.000Z',
        pageNumber: '2',
      })
      .reply(200, legacy([item('UN-1', 50, 12), item('UN-9', 51)]));
    portal()
      .get(SEARCH)
      .query({
        ModificationStartDate: '2026-01-02T00:00:00.000Z',
        ModificationEndDate: '2026-01-03T00:00:00.000Z',
        pageNumber: '1',
      })
      .reply(200, legacy([]));
    portal()
      .get(SEARCH)
      .query({
        ModificationStartDate: '2026-01-03T00:00:00.000Z',
        ModificationEndDate: '2026-01-03T02:00:00.000Z',
        pageNumber: '1',
      })
      .reply(200, legacy([item('UN-2', 52)]));
    // One look-up for the three User IDs; UN-9 is not (or no longer) in the user view.
    portal()
      .get(USERS)
      .query(
        (q) =>
          q.$filter === "(user_ref eq 'UN-1' or user_ref eq 'UN-2' or user_ref eq 'UN-9')" &&
          q.$select === 'user_id,user_ref',
      )
      .reply(200, {
        value: [
          { user_id: 1001, user_ref: 'UN-1' },
          { user_id: 1002, user_ref: 'un-2' },
        ],
      });

    const since = new Date('2026-01-01T00:00:00Z');
    const records = await listTranscriptChanges(
      newClient(),
      { since, until: new Date(since.getTime() + 50 * HOUR) },
      pino({ level: 'silent' }),
    );
    expect(records).toHaveLength(52);
    const inProgress = records.find((r) => r.courseLocalId.endsWith('000000000050'));
    expect(inProgress).toMatchObject({
      localId: `1001:${item('UN-1', 50).LoId}`,
      status: EnrollmentStatus.IN_PROGRESS,
      score: null,
    });
    const last = records.find((r) => r.courseLocalId.endsWith('000000000052'));
    expect(last).toMatchObject({
      learnerLocalId: '1002',
      status: EnrollmentStatus.COMPLETED,
      score: 85,
      completedAt: new Date('2026-01-01T09:00:00.123Z'),
      enrolledAt: new Date('2026-01-01T08:00:00Z'),
    });
  });
});
