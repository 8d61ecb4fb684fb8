import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyv } from 'keyv';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssertionSigner } from '../../../../gateway/auth/assertion.js';
import { Secret } from '../../../../schema/config/secret.js';
import { PRINCIPAL_ASSERTION_HEADER, type Principal, type Role } from '../../../../schema/principal.js';
import { KpiEngine } from '../../../../subgraphs/insights/answer/engine.js';
import { harvestAgency } from '../../../../subgraphs/insights/harvest/harvestAgency.js';
import { registryRecognitionReader } from '../../../../subgraphs/insights/harvest/recognitionFeed.js';
import { InsightsStore } from '../../../../subgraphs/insights/store/insightsStore.js';
import { type RunningInsights, startInsightsSubgraph } from '../../../../subgraphs/insights/subgraph/server.js';
import { registryRequest } from '../../../../subgraphs/registry/client.js';
import type { RecognitionRecord, RecognitionStatus } from '../../../../subgraphs/registry/recognition/records.js';
import { RecognitionStore } from '../../../../subgraphs/registry/recognition/store.js';
import { type RunningRegistry, startRegistry } from '../../../../subgraphs/registry/server.js';
import { RegistryStore } from '../../../../subgraphs/registry/store/registryStore.js';
import { graphql } from '../../../support/graphql.js';
import { kpiData } from '../../../support/kpiData.js';
import { createMemoryAdapter } from '../../../support/memoryAdapter.js';
import { reachable } from '../../../support/reachable.js';

/**
 * Recognised learning (issue 14's recognitions) counted by the insights harvest: read from a real registry
 * server over its GraphQL feed with the harvest's own token, stored without persons, and answered as
 * `recognisedCount` / `recognisedHours` per agency, SDG and month, with small-cell suppression.
 */
const ADMIN = 'recog-admin-token-0123456789abcdef';
const HARVEST = 'recog-harvest-token-0123456789abcd';
const DIRECTORY = 'recog-directory-token-0123456789ab';

const unicefData = kpiData(21, 12, 40, 200);
const iloData = kpiData(22, 6, 20, 60);
/** The local course unicef's COURSE agreement counts recognitions as, and its SDGs. */
const course = unicefData.courses[0]!;
const linkedEnrolment = unicefData.enrollments[0]!;

let n = 0;
function recognition(
  agency: string,
  status: RecognitionStatus,
  recordedAt: string | null,
  countsAs: RecognitionRecord['countsAs'],
  hours: number | null,
  enrollmentId: string | null = null,
): RecognitionRecord {
  n += 1;
  return {
    id: `rec-${agency}-${n}`,
    agreementId: `agr-${agency}`,
    agency,
    provider: 'academy',
    person: { indexNumber: `UN-9${String(n).padStart(5, '0')}`, email: `learner.${n}@un.org` },
    personKey: `person-key-${n}`,
    credential: {
      digest: `digest-${n}`,
      id: `urn:uuid:credential-${n}`,
      format: 'VC_DATA_INTEGRITY',
      issuerId: 'did:key:academy',
      issuerName: 'Test Academy',
      achievementId: 'https://academy.example/achievements/data-protection',
      achievementName: 'Data Protection Essentials',
      hours,
      validFrom: '2025-01-01T00:00:00.000Z',
      validUntil: null,
      statusEntries: [],
    },
    verdict: { status: 'VERIFIED', checkedAt: '2025-03-01T00:00:00.000Z', reasons: [] },
    countsAs,
    hours,
    title: 'Data Protection Essentials (Test Academy)',
    status,
    recordedInLms: status === 'RECORDED' ? enrollmentId !== null : null,
    notRecordedReason: null,
    enrollmentId,
    presentedAt: '2025-02-20T10:00:00.000Z',
    recordedAt,
    attempts: [],
  };
}

const asCourse = { kind: 'COURSE' as const, courseId: `unicef:course:${course.localId}` };
const asHours = { kind: 'CREDIT_HOURS' as const, hours: 8 };
const RECOGNITIONS: RecognitionRecord[] = [
  // unicef: 7 recorded as its course (6 in March, 1 in April), one of them held by a harvested enrolment…
  recognition(
    'unicef',
    'RECORDED',
    '2025-03-03T09:00:00Z',
    asCourse,
    6,
    `unicef:enrollment:${linkedEnrolment.localId}`,
  ),
  ...Array.from({ length: 5 }, () => recognition('unicef', 'RECORDED', '2025-03-10T09:00:00Z', asCourse, 6)),
  recognition('unicef', 'RECORDED', '2025-04-02T09:00:00Z', asCourse, null),
  // …3 recorded as credit hours in March, and 3 not recorded (pending, being recorded, revoked): not counted.
  ...Array.from({ length: 3 }, () => recognition('unicef', 'RECORDED', '2025-03-20T09:00:00Z', asHours, 8)),
  recognition('unicef', 'PENDING', null, asHours, 8),
  recognition('unicef', 'RECORDING', null, asHours, 8),
  recognition('unicef', 'REVOKED', null, asHours, 8),
  // ilo: two recorded (under the threshold of 5).
  ...Array.from({ length: 2 }, () => recognition('ilo', 'RECORDED', '2025-03-15T09:00:00Z', asHours, 4)),
];

const dir = mkdtempSync(join(tmpdir(), 'insights-recognitions-'));
let registry: RunningRegistry;
let store: InsightsStore;
let insights: RunningInsights;
let signer: AssertionSigner;

beforeAll(async () => {
  const recognitions = new RecognitionStore(new Keyv({ throwOnErrors: true }));
  for (const record of RECOGNITIONS) {
    await recognitions.updateRecognition(record.id, () => ({ next: record, result: undefined }));
  }
  registry = await startRegistry({
    store: new RegistryStore(new Keyv({ throwOnErrors: true })),
    adminToken: new Secret(ADMIN),
    directoryToken: new Secret(DIRECTORY),
    harvestToken: new Secret(HARVEST),
    health: { intervalMs: 60_000 },
    recognition: { store: recognitions },
  });
  store = await InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'recog-test-secret' });
  signer = await AssertionSigner.create({ issuer: 'urn:convergence:gateway' });
  const jwksFile = join(dir, 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify(signer.jwks()));
  insights = await startInsightsSubgraph({ store, gateway: { jwksFile, issuer: signer.issuer } });
}, 60_000);
afterAll(async () => {
  await insights?.stop();
  await store?.close();
  await registry?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const reader = (token = HARVEST) => registryRecognitionReader({ url: registry.url, token });
const harvest = (code: 'unicef' | 'ilo', token?: string) =>
  harvestAgency(store, {
    code,
    adapter: createMemoryAdapter(code === 'unicef' ? unicefData : iloData),
    recognitions: reader(token),
  });

describe('the registry’s recognition feed', () => {
  it('gives an agency’s recognitions without their persons, to the harvest token and admins only', async () => {
    const query = 'query($agency: String!) { recognitionFeed(agency: $agency) { id status hours enrollmentId } }';
    const feed = await registryRequest<{ recognitionFeed: unknown[] }>({ url: registry.url, token: HARVEST }, query, {
      agency: 'unicef',
    });
    expect(feed.recognitionFeed).toHaveLength(13);
    const admin = await registryRequest<{ recognitionFeed: unknown[] }>({ url: registry.url, token: ADMIN }, query, {
      agency: 'ilo',
    });
    expect(admin.recognitionFeed).toHaveLength(2);
    // The type has no person: asking for one is a validation error, not an answer.
    const person = await graphql(
      registry.url,
      '{ recognitionFeed(agency: "unicef") { person { email } } }',
      {},
      { authorization: `Bearer ${HARVEST}` },
    );
    expect(person.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const asDirectory = await graphql(
      registry.url,
      query,
      { agency: 'unicef' },
      { authorization: `Bearer ${DIRECTORY}` },
    );
    expect(asDirectory.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await graphql(registry.url, query, { agency: 'unicef' });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // The harvest token reads the directory too (the harvest follows it), and changes nothing.
    const directory = await graphql(
      registry.url,
      '{ activeAgencyDirectory { code } }',
      {},
      { authorization: `Bearer ${HARVEST}` },
    );
    expect(directory.errors).toBeUndefined();
    const change = await graphql(
      registry.url,
      'mutation { removeAgency(code: "unicef") { code } }',
      {},
      { authorization: `Bearer ${HARVEST}` },
    );
    expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('recognised learning in the insights store', { timeout: 60_000 }, () => {
  it('counts recorded recognitions per agency, SDG and month, and harvesting again changes nothing', async () => {
    expect((await harvest('unicef')).ok).toBe(true);
    expect((await harvest('ilo')).ok).toBe(true);
    const engine = new KpiEngine(store);
    const stats = await engine.stats({ agencies: ['unicef', 'ilo'] });
    expect(stats.fromCube).toBe(true);
    expect(stats.kpis).toMatchObject({ recognisedCount: 12, recognisedHours: 6 * 6 + 3 * 8 + 2 * 4 });
    expect(stats.perAgency.map((r) => [r.key, r.kpis.recognisedCount, r.kpis.recognisedHours])).toEqual([
      ['ilo', 2, 8],
      ['unicef', 10, 60],
    ]);

    // By SDG: the 7 recognised as the course count under each of its goals; credit hours have no goal.
    const bySdg = await engine.breakdown('SDG', { agencies: ['unicef'] });
    const recognisedBySdg = Object.fromEntries(
      bySdg.rows.filter((r) => r.kpis.recognisedCount).map((r) => [r.key, r.kpis.recognisedCount]),
    );
    expect(recognisedBySdg).toEqual(Object.fromEntries(course.sdgs.map((sdg) => [String(sdg), 7])));
    // By month and quarter of recording.
    const byMonth = await engine.breakdown('MONTH', { agencies: ['unicef', 'ilo'] });
    const recognisedByMonth = Object.fromEntries(
      byMonth.rows.filter((r) => r.kpis.recognisedCount).map((r) => [r.key, r.kpis.recognisedCount]),
    );
    expect(recognisedByMonth).toEqual({ '2025-03': 11, '2025-04': 1 });
    const byQuarter = await engine.breakdown('QUARTER', { agencies: ['unicef'] });
    expect(byQuarter.rows.find((r) => r.key === '2025-Q1')?.kpis.recognisedCount).toBe(9);
    expect(byQuarter.rows.find((r) => r.key === '2025-Q2')?.kpis.recognisedCount).toBe(1);

    // The on-the-fly path (a window on the recording date, like completions) agrees with the cube.
    const march = await engine.stats({
      agencies: ['unicef'],
      completedFrom: new Date('2025-03-01T00:00:00Z'),
      completedTo: new Date('2025-03-31T23:59:59Z'),
    });
    expect(march.fromCube).toBe(false);
    expect(march.kpis.recognisedCount).toBe(9);
    const fly = await engine.breakdown('SDG', { agencies: ['unicef'], enrolledFrom: new Date('2000-01-01') });
    expect(fly.rows).toEqual(bySdg.rows);

    // Harvesting again (full or not) stores the same rows and counts.
    const rowsBefore = await store.sql.query('SELECT * FROM recognitions ORDER BY agency, id');
    expect(rowsBefore).toHaveLength(15);
    expect((await harvest('unicef')).ok).toBe(true);
    await harvestAgency(
      store,
      { code: 'unicef', adapter: createMemoryAdapter(unicefData), recognitions: reader() },
      { full: true },
    );
    expect(await store.sql.query('SELECT * FROM recognitions ORDER BY agency, id')).toEqual(
      rowsBefore.map((r) => ({ ...r, seen_run: expect.any(String) })),
    );
    expect((await engine.stats({ agencies: ['unicef', 'ilo'] })).kpis).toEqual(stats.kpis);
  });

  it('keeps no person: a learner only as the key of the LMS enrolment the recognition was recorded as', async () => {
    const rows = await store.sql.query<Record<string, unknown>>('SELECT * FROM recognitions');
    const text = JSON.stringify(rows);
    for (const record of RECOGNITIONS) {
      expect(text).not.toContain(record.person.email as string);
      expect(text).not.toContain(record.person.indexNumber as string);
      expect(text).not.toContain(record.personKey);
      expect(text).not.toContain(record.credential.digest);
    }
    const columns = await store.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'recognitions'`,
    );
    expect(columns.map((c) => c.column_name).sort()).toEqual(
      ['agency', 'course_id', 'hours', 'id', 'learner_key', 'provider', 'recorded_at', 'seen_run', 'status'].sort(),
    );
    const keyed = rows.filter((r) => r.learner_key !== null);
    expect(keyed).toHaveLength(1);
    expect(keyed[0]?.learner_key).toBe(store.learnerKey('unicef', linkedEnrolment.learnerLocalId));
  });

  it('fails the run (resumable, no new asOf) when the registry refuses the feed to the credential given', async () => {
    const before = await store.state('ilo');
    const refused = await harvest('ilo', DIRECTORY);
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/refused its recognition feed.*harvestToken/);
    expect((await store.state('ilo'))?.lastSuccessAt).toEqual(before?.lastSuccessAt);
    expect((await harvest('ilo')).ok).toBe(true);
  });
});

const POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/test';
describe.skipIf(!(await reachable(5432)))('on PostgreSQL (the production path)', { timeout: 60_000 }, () => {
  it('stores and counts the same with the same SQL', async () => {
    const schema = `recog_${randomBytes(4).toString('hex')}`;
    const pgStore = await InsightsStore.open(
      { kind: 'postgres', url: POSTGRES_URL, schema },
      { learnerKeySecret: 'recog-test-secret' },
    );
    try {
      const source = { code: 'unicef', adapter: createMemoryAdapter(unicefData), recognitions: reader() };
      expect((await harvestAgency(pgStore, source)).ok).toBe(true);
      expect((await harvestAgency(pgStore, source)).ok).toBe(true);
      const stats = await new KpiEngine(pgStore).stats({ agencies: ['unicef'] });
      expect(stats.kpis).toMatchObject({ recognisedCount: 10, recognisedHours: 60 });
      const keyed = await pgStore.sql.query<{ learner_key: string }>(
        'SELECT learner_key FROM recognitions WHERE learner_key IS NOT NULL',
      );
      expect(keyed).toEqual([{ learner_key: store.learnerKey('unicef', linkedEnrolment.learnerLocalId) }]);
    } finally {
      await pgStore.close();
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });
});

describe('recognisedCount through GraphQL', { timeout: 60_000 }, () => {
  const ask = async <T>(principal: Principal, query: string) =>
    graphql<T>(
      insights.url,
      query,
      {},
      {
        [PRINCIPAL_ASSERTION_HEADER]: await signer.assertionFor(principal),
      },
    );
  const user = (roles: Role[], agency: string): Principal => ({
    kind: 'user',
    issuer: 'https://idp.test',
    subject: `${roles.join('-')}-${agency}`,
    email: null,
    indexNumber: null,
    agency,
    roles,
  });

  it('answers per agency, SDG and month, withholding counts under the threshold except a manager’s own', async () => {
    const stats = await ask<{ learningStats: Record<string, unknown> }>(
      user(['ANALYST'], 'unssc'),
      `{ learningStats(filter: { agencies: ["unicef", "ilo"] }) {
           kpis { recognisedCount recognisedHours } asOf { code }
           perAgency { code kpis { recognisedCount recognisedHours } } } }`,
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data?.learningStats).toEqual({
      kpis: { recognisedCount: 12, recognisedHours: 68 },
      asOf: [{ code: 'ilo' }, { code: 'unicef' }],
      perAgency: [
        // Two recognitions at ilo: withheld from an analyst, with their hours.
        { code: 'ilo', kpis: { recognisedCount: null, recognisedHours: null } },
        { code: 'unicef', kpis: { recognisedCount: 10, recognisedHours: 60 } },
      ],
    });
    type Rows = { learningBreakdown: { rows: { key: string; kpis: { recognisedCount: number | null } }[] } };
    const months = await ask<Rows>(
      user(['ANALYST'], 'unssc'),
      `{ learningBreakdown(by: MONTH, filter: { agencies: ["unicef"] }) { rows { key kpis { recognisedCount } } } }`,
    );
    const rows = months.data?.learningBreakdown.rows ?? [];
    expect(rows.find((r) => r.key === '2025-03')?.kpis.recognisedCount).toBe(9);
    // One recognition in April: withheld.
    expect(rows.find((r) => r.key === '2025-04')?.kpis.recognisedCount).toBeNull();
    const sdgs = await ask<Rows>(
      user(['ANALYST'], 'unssc'),
      `{ learningBreakdown(by: SDG, filter: { agencies: ["unicef"] }) { rows { key kpis { recognisedCount } } } }`,
    );
    for (const sdg of course.sdgs) {
      expect(sdgs.data?.learningBreakdown.rows.find((r) => r.key === String(sdg))?.kpis.recognisedCount).toBe(7);
    }
    // ilo's manager sees ilo's own two.
    const own = await ask<{ learningStats: { kpis: unknown } }>(
      user(['AGENCY_MANAGER'], 'ilo'),
      '{ learningStats { kpis { recognisedCount recognisedHours } } }',
    );
    expect(own.data?.learningStats.kpis).toEqual({ recognisedCount: 2, recognisedHours: 8 });
  });
});
