import { Keyv } from 'keyv';
import nock from 'nock';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { wrapAdapter } from '../../../../adapters/core/factory.js';
import {
  createSuccessFactorsAdapter,
  SUCCESSFACTORS_CAPABILITIES,
} from '../../../../adapters/successfactors/adapter.js';
import { SUCCESSFACTORS_PATHS } from '../../../../adapters/successfactors/client.js';
import { successFactorsConfigSchema } from '../../../../adapters/successfactors/config.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';
import { useNockHygiene } from '../../../support/nock.js';

// Loopback only: with net connect disabled elsewhere, nothing leaves the process (STYLE.md B5).
const BASE = 'http://127.0.0.1:9';
const config = successFactorsConfigSchema.parse({
  kind: 'successfactors',
  baseUrl: BASE,
  clientId: 'UNTEST',
  clientSecret: 's3cret-value',
  companyId: 'UNTESTCO',
  userId: 'sfadmin',
  minIntervalMs: 20,
});
const adapter = () =>
  wrapAdapter(
    { kind: 'successfactors', capabilities: SUCCESSFACTORS_CAPABILITIES },
    createSuccessFactorsAdapter(config, { agency: 'undp', logger: pino({ level: 'silent' }), cache: new Keyv() }),
    'undp',
  );

const SINCE = Date.UTC(2026, 0, 10, 8);
const UNTIL = Date.UTC(2026, 0, 10, 9, 15);
const row = (id: string, updated: number, completed: number, credit = true) => ({
  componentTypeID: 'COURSE',
  componentID: id,
  revisionDate: 1704067200000,
  title: id,
  completionStatusID: credit ? 'COURSE-COMPLETE' : 'COURSE-FAILED',
  provideCredit: credit,
  grade: '90',
  completionDate: completed,
  lastUpdateTimestamp: updated,
});
const history = (student: string) =>
  `criteria/targetUserID eq '${student}' and criteria/fromDate eq ${SINCE} and criteria/toDate eq ${UNTIL}`;

useNockHygiene();

describe('SuccessFactors learning history changes (issue 15)', () => {
  it("asks each learner's history for the window (fromDate/toDate, epoch ms), pages it, reads either epoch unit, and keeps an item's latest completion", async () => {
    nock(BASE)
      .post(SUCCESSFACTORS_PATHS.token)
      .reply(200, { access_token: 't', token_type: 'Bearer', expires_in: 1800 });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query((q) => q.$filter === 'scriteria/isActive eq true')
      .reply(200, { '@odata.count': 2, value: [{ studentID: 'A1' }, { studentID: 'B2' }] });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query((q) => q.$filter === 'scriteria/isActive eq false')
      .reply(200, { '@odata.count': 1, value: [{ studentID: 'C3' }] });
    // A1: 501 rows updated in the window, over two pages of 500.
    const many = Array.from({ length: 501 }, (_, i) => row(`ITEM-${i}`, SINCE + 60_000, SINCE));
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: history('A1'), $top: '500', $skip: '0', $count: 'true' })
      .reply(200, { '@odata.count': 501, value: many.slice(0, 500) });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: history('A1'), $top: '500', $skip: '500', $count: 'true' })
      .reply(200, { '@odata.count': 501, value: many.slice(500) });
    // B2: epoch seconds (detected: under 1e11), one failed; one row outside the window, as a tenant that
    // ignored the criteria would answer it, is left out.
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: history('B2'), $top: '500', $skip: '0', $count: 'true' })
      .reply(200, {
        '@odata.count': 3,
        value: [
          row('ETH-101', Math.floor((SINCE + 120_000) / 1000), Math.floor(SINCE / 1000), false),
          row('OLD-1', SINCE - 86_400_000, SINCE - 86_400_000),
          // A first, failed attempt of GEN-2 whose row was updated (its grade corrected) in the window.
          row('GEN-2', SINCE + 180_000, SINCE - 30 * 86_400_000, false),
        ],
      });
    // Learners with changes have their whole history read once more: the latest completion of an item wins.
    const whole = (student: string) => `criteria/targetUserID eq '${student}'`;
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: whole('A1'), $top: '500', $skip: '0', $count: 'true' })
      .reply(200, { '@odata.count': 501, value: many.slice(0, 500) });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: whole('A1'), $top: '500', $skip: '500', $count: 'true' })
      .reply(200, { '@odata.count': 501, value: many.slice(500) });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: whole('B2'), $top: '500', $skip: '0', $count: 'true' })
      .reply(200, {
        '@odata.count': 4,
        value: [
          row('ETH-101', Math.floor((SINCE + 120_000) / 1000), Math.floor(SINCE / 1000), false),
          row('OLD-1', SINCE - 86_400_000, SINCE - 86_400_000),
          row('GEN-2', SINCE + 180_000, SINCE - 30 * 86_400_000, false),
          // ...and the later retake, passed, not updated since: it stays the record of GEN-2.
          row('GEN-2', SINCE - 3_600_000, SINCE - 3_600_000),
        ],
      });
    // C3 (inactive): nothing changed; SF answers an empty collection.
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $filter: history('C3'), $top: '500', $skip: '0', $count: 'true' })
      .reply(200, { '@odata.count': 0, value: [] });

    const lms = adapter();
    const changes = await lms.listEnrollmentChanges({ since: new Date(SINCE), until: new Date(UNTIL) });
    expect(changes).toHaveLength(503);
    expect(changes.find((e) => e.courseLocalId.includes('GEN-2'))).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      completedAt: new Date(SINCE - 3_600_000),
    });
    expect(changes.some((e) => e.courseLocalId.includes('OLD-1'))).toBe(false);
    expect(changes.filter((e) => e.learnerLocalId === 'A1')).toHaveLength(501);
    const failed = changes.find((e) => e.learnerLocalId === 'B2');
    expect(failed).toMatchObject({
      localId: 'B2~COURSE~ETH-101~1704067200000',
      courseLocalId: 'COURSE~ETH-101~1704067200000',
      status: EnrollmentStatus.FAILED,
      completedAt: null,
      score: 90,
    });
    expect(changes.find((e) => e.learnerLocalId === 'A1')?.completedAt).toEqual(new Date(SINCE));
    await lms.dispose();
  });
});
