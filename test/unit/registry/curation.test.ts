import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import { afterAll, describe, expect, it } from 'vitest';
import { CurationStatus } from '../../../schema/model/enums.js';
import { ANONYMOUS, type Principal, type Role } from '../../../schema/principal.js';
import type { Caller } from '../../../subgraphs/registry/auth.js';
import { registryConfigSchema } from '../../../subgraphs/registry/config.js';
import { DEFAULT_CURATION_CRITERIA } from '../../../subgraphs/registry/curation/criteria.js';
import { type Curator, curatorOf } from '../../../subgraphs/registry/curation/curator.js';
import { type CurationInput, CurationService } from '../../../subgraphs/registry/curation/service.js';
import { CurationStore } from '../../../subgraphs/registry/curation/store.js';
import { createRegistryKeyv } from '../../../subgraphs/registry/store/backends.js';

const dir = mkdtempSync(join(tmpdir(), 'curation-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REGISTERED = new Set(['who', 'ilo', 'unicef', 'linkedin']);
const user = (roles: Role[], agency: string | null, email: string): Principal => ({
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: email.split('@')[0]!,
  email,
  indexNumber: null,
  agency,
  roles,
});
const ADMIN: Curator = { kind: 'admin', reviewer: 'registry.admin@un.org' };
const WHO: Curator = { kind: 'manager', agency: 'who', reviewer: 'learning.manager@who.int' };
const ILO: Curator = { kind: 'manager', agency: 'ilo', reviewer: 'learning.manager@ilo.int' };
const COURSE = 'linkedin:course:563322';

let clock = Date.parse('2026-12-01T09:00:00Z');
function service(store = new CurationStore(new Keyv())) {
  return new CurationService(
    store,
    DEFAULT_CURATION_CRITERIA,
    async (code) => REGISTERED.has(code),
    () => {
      clock += 60_000;
      return new Date(clock);
    },
  );
}
const input = (overrides: Partial<CurationInput> = {}): CurationInput => ({
  courseId: COURSE,
  status: CurationStatus.RECOMMENDED,
  criteriaMet: ['relevance', 'quality'],
  ...overrides,
});
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: { extensions?: { code?: string }; message: string }) => [error.extensions?.code, error.message],
  );

describe('curation records: history and durability', () => {
  it('keeps every review, oldest first, the last being the current state', async () => {
    const curation = service();
    await curation.review(WHO, input({ note: 'Good fit for remote managers.' }));
    await curation.review(ILO, input({ criteriaMet: ['relevance', 'quality', 'cost'] }));
    const record = await curation.review(WHO, input({ status: CurationStatus.PROPOSED, recommendedBy: ['ilo'] }));
    expect(record.history.map((e) => [e.status, e.recommendedBy, e.reviewer, e.reviewerAgency])).toEqual([
      ['RECOMMENDED', ['who'], 'learning.manager@who.int', 'who'],
      ['RECOMMENDED', ['ilo', 'who'], 'learning.manager@ilo.int', 'ilo'],
      ['PROPOSED', ['ilo'], 'learning.manager@who.int', 'who'],
    ]);
    expect(record.history[0]?.note).toBe('Good fit for remote managers.');
    expect(record.history[1]?.criteriaMet).toEqual(['cost', 'quality', 'relevance']);
    expect(new Date(record.history[2]!.reviewedAt) > new Date(record.history[1]!.reviewedAt)).toBe(true);
    expect(await curation.get(COURSE)).toEqual(record);
  });

  it('lists course ids by their current status, for the gateway', async () => {
    const curation = service();
    await curation.review(ADMIN, input({ courseId: 'who:course:2', recommendedBy: ['who'] }));
    await curation.review(ADMIN, input({ courseId: 'sdg-oer:course:oai:x:1', recommendedBy: ['unicef'] }));
    await curation.review(ADMIN, input({ courseId: 'who:course:1', status: CurationStatus.PROPOSED }));
    await curation.review(ADMIN, input({ courseId: 'who:course:2', status: CurationStatus.RETIRED }));
    expect(await curation.idsByStatus()).toEqual({
      PROPOSED: ['who:course:1'],
      RECOMMENDED: ['sdg-oer:course:oai:x:1'],
      RETIRED: ['who:course:2'],
    });
  });

  it('survives a reopen of the registry store (SQLite, WAL, synchronous=FULL)', async () => {
    const path = join(dir, 'registry.sqlite');
    const first = new CurationStore(createRegistryKeyv({ kind: 'sqlite', path }, 'curation'));
    await service(first).review(WHO, input());
    await first.close();
    const second = new CurationStore(createRegistryKeyv({ kind: 'sqlite', path }, 'curation'));
    const record = await service(second).get(COURSE);
    expect(record?.history.map((e) => e.recommendedBy)).toEqual([['who']]);
    expect((await second.all()).map((r) => r.courseId)).toEqual([COURSE]);
    await second.close();
  });

  it('serialises concurrent reviews of one agency: none is lost', async () => {
    const curation = service();
    const ids = Array.from({ length: 15 }, (_, i) => `who:course:${i}`);
    await Promise.all(ids.map((courseId) => curation.review(ADMIN, input({ courseId, recommendedBy: ['who'] }))));
    expect((await curation.idsByStatus()).RECOMMENDED).toEqual([...ids].sort());
  });
});

describe('who may write curation records', () => {
  it("an agency's manager may recommend a course for that agency, and withdraw only that recommendation", async () => {
    const curation = service();
    await curation.review(WHO, input());
    await curation.review(ILO, input());
    const withdrawn = await curation.review(ILO, input({ recommendedBy: ['who'] }));
    expect(withdrawn.history.at(-1)?.recommendedBy).toEqual(['who']);
  });

  it('a manager of an agency that does not recommend the course may not review it', async () => {
    const curation = service();
    await curation.review(WHO, input());
    expect(await rejection(curation.review(ILO, input({ status: CurationStatus.PROPOSED })))).toEqual([
      'FORBIDDEN',
      expect.stringMatching(/ilo does not recommend it/),
    ]);
  });

  it("a manager may not add or withdraw another agency's recommendation, nor retire what another recommends", async () => {
    const curation = service();
    await curation.review(WHO, input());
    await curation.review(ILO, input());
    expect(await rejection(curation.review(WHO, input({ recommendedBy: ['who', 'unicef', 'ilo'] })))).toEqual([
      'FORBIDDEN',
      expect.stringMatching(/cannot add or withdraw the recommendation of unicef/),
    ]);
    expect(await rejection(curation.review(WHO, input({ status: CurationStatus.RETIRED })))).toEqual([
      'FORBIDDEN',
      expect.stringMatching(/recommendation of ilo/),
    ]);
    expect((await curation.get(COURSE))?.history).toHaveLength(2);
  });

  it('a registry admin may write anything, including retiring a course several agencies recommend', async () => {
    const curation = service();
    await curation.review(WHO, input());
    await curation.review(ILO, input());
    const retired = await curation.review(ADMIN, input({ status: CurationStatus.RETIRED, criteriaMet: [] }));
    expect(retired.history.at(-1)).toMatchObject({ status: 'RETIRED', recommendedBy: [], reviewerAgency: null });
  });

  it('refuses bad input with BAD_USER_INPUT: unknown criteria, unregistered agencies, inconsistent states, bad ids', async () => {
    const curation = service();
    expect(await rejection(curation.review(ADMIN, input({ criteriaMet: ['fun'] })))).toEqual([
      'BAD_USER_INPUT',
      expect.stringMatching(/Unknown curation criteria: fun; the criteria are relevance, quality/),
    ]);
    expect((await rejection(curation.review(ADMIN, input({ recommendedBy: ['nowhere'] }))))[0]).toBe('BAD_USER_INPUT');
    expect((await rejection(curation.review(ADMIN, input())))[1]).toMatch(/needs at least one recommending agency/);
    expect(
      (await rejection(curation.review(ADMIN, input({ status: CurationStatus.RETIRED, recommendedBy: ['who'] }))))[0],
    ).toBe('BAD_USER_INPUT');
    expect((await rejection(curation.review(ADMIN, input({ courseId: 'who:learner:1' }))))[0]).toBe('BAD_USER_INPUT');
    expect(await curation.idsByStatus()).toEqual({ PROPOSED: [], RECOMMENDED: [], RETIRED: [] });
  });

  it('curators are REGISTRY_ADMIN and AGENCY_MANAGER principals, or the admin token; others are refused', () => {
    const none: Caller = { kind: 'anonymous' };
    expect(curatorOf(none, user(['REGISTRY_ADMIN'], null, 'registry.admin@un.org'))).toEqual({
      kind: 'admin',
      reviewer: 'registry.admin@un.org',
    });
    expect(curatorOf(none, user(['AGENCY_MANAGER'], 'who', 'learning.manager@who.int'))).toEqual(WHO);
    expect(curatorOf({ kind: 'admin' }, ANONYMOUS)).toEqual({ kind: 'admin', reviewer: 'registry-admin-token' });
    const refused = (caller: Caller, principal: Principal) => {
      try {
        curatorOf(caller, principal);
        return 'allowed';
      } catch (error) {
        return (error as { extensions: { code: string } }).extensions.code;
      }
    };
    expect(refused(none, ANONYMOUS)).toBe('UNAUTHENTICATED');
    expect(refused(none, user(['LEARNER'], 'who', 'amina.diallo@un.org'))).toBe('FORBIDDEN');
    expect(refused(none, user(['ANALYST'], 'unssc', 'analyst@unssc.org'))).toBe('FORBIDDEN');
    expect(refused({ kind: 'directory' }, ANONYMOUS)).toBe('FORBIDDEN');
  });
});

describe('the criteria set', () => {
  it('defaults to JIU recommendation 6 and may be configured, with every problem listed', () => {
    const base = { adminToken: 'a-very-long-admin-token' };
    expect(registryConfigSchema.parse(base).curation.criteria.map((c) => c.id)).toEqual([
      'relevance',
      'quality',
      'accessibility',
      'language-availability',
      'cost',
      'learning-objectives',
    ]);
    const own = registryConfigSchema.parse({
      ...base,
      curation: { criteria: [{ id: 'sdg-alignment', description: 'Serves a named SDG target.' }] },
    });
    expect(own.curation.criteria).toEqual([{ id: 'sdg-alignment', description: 'Serves a named SDG target.' }]);
    const duplicate = registryConfigSchema.safeParse({
      ...base,
      curation: {
        criteria: [
          { id: 'quality', description: 'a' },
          { id: 'quality', description: 'b' },
          { id: 'Bad Id', description: 'c' },
        ],
      },
    });
    expect(duplicate.success).toBe(false);
    expect(duplicate.error?.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining(['must be a lowercase slug, e.g. "quality"']),
    );
  });
});
