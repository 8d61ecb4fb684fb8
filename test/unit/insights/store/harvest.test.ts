import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LmsError } from '../../../../adapters/core/errors.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';
import { KpiEngine } from '../../../../subgraphs/insights/answer/engine.js';
import { harvestAgency } from '../../../../subgraphs/insights/harvest/harvestAgency.js';
import { InsightsStore } from '../../../../subgraphs/insights/store/insightsStore.js';
import { kpiData } from '../../../support/kpiData.js';
import { createMemoryAdapter } from '../../../support/memoryAdapter.js';

// One embedded database for the file (starting PGlite takes seconds); each test harvests its own agency.
let store: InsightsStore;
beforeAll(async () => {
  store = await InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'test-secret' });
}, 60_000);
afterAll(() => store.close());
const open = async () => store;

describe('insights harvest into the PGlite store', { timeout: 60_000 }, () => {
  it('stores an agency once, pseudonymously, and answers its KPIs from the cube', async () => {
    const db = await open();
    const data = kpiData(1, 40, 60, 600);
    const adapter = createMemoryAdapter(data);
    const result = await harvestAgency(db, { code: 'who', adapter });
    expect(result.ok).toBe(true);
    // One catalogue call, one enrolment list per course, credentials for every 100 learners of a batch.
    expect(adapter.calls.listCourses).toBe(1);
    expect(adapter.calls.listEnrollments).toBe(40);

    const completed = data.enrollments.filter((e) => e.status === EnrollmentStatus.COMPLETED);
    const engine = new KpiEngine(db);
    const answer = await engine.stats({ agencies: ['who'] });
    expect(answer.fromCube).toBe(true);
    expect(answer.kpis.enrolments).toBe(600);
    expect(answer.kpis.completions).toBe(completed.length);
    expect(answer.kpis.completionRate).toBeCloseTo(completed.length / 600, 10);
    expect(answer.kpis.credentialsIssued).toBe(data.credentials.length);
    expect(answer.kpis.learners).toBe(new Set(data.enrollments.map((e) => e.learnerLocalId)).size);
    expect(answer.kpis.learnersWithCompletion).toBe(new Set(completed.map((e) => e.learnerLocalId)).size);
    const minutes = completed.reduce(
      (n, e) => n + (data.courses.find((c) => c.localId === e.courseLocalId)?.durationMinutes ?? 0),
      0,
    );
    expect(answer.kpis.learningHoursCompleted).toBeCloseTo(minutes / 60, 1);
    const days = completed
      .map((e) => Math.floor(((e.completedAt as Date).getTime() - (e.enrolledAt as Date).getTime()) / 86_400_000))
      .sort((a, b) => a - b);
    expect(answer.kpis.medianDaysToCompletion).toBe(days[Math.ceil(days.length / 2) - 1]);
    expect(answer.courses).toBe(40);
    expect(answer.coverage.map((c) => c.agency)).toEqual(['who']);

    // Minimised personal data: no LMS account id, name or e-mail anywhere in the store's learner keys.
    const keys = await db.sql.query<{ learner_key: string }>('SELECT DISTINCT learner_key FROM enrolments');
    expect(keys.some((k) => /^u\d+$/.test(k.learner_key) || k.learner_key.includes('@'))).toBe(false);
    const columns = await db.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name IN ('enrolments', 'credentials', 'ratings')`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('email');
    // Nor in the record keys: an LMS's enrolment and credential ids name their learner (`<userId>-<courseId>`),
    // so the store keeps a keyed hash of each instead.
    const records = { enrolments: data.enrollments, credentials: data.credentials };
    for (const [table, rows] of Object.entries(records)) {
      const ids = await db.sql.query<{ local_id: string }>(`SELECT local_id FROM ${table} WHERE agency = 'who'`);
      expect(ids.map((r) => r.local_id).sort()).toEqual(rows.map((r) => db.recordKey('who', r.localId)).sort());
      expect(ids.some((r) => rows.some((row) => row.localId === r.local_id))).toBe(false);
    }
  });

  it('a store of version 1 (records under LMS ids) drops them once and the next run is a full one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insights-v1-'));
    const openAt = () => InsightsStore.open({ kind: 'pglite', path: dir }, { learnerKeySecret: 'test-secret' });
    try {
      const data = kpiData(3, 10, 20, 100);
      const legacy = await openAt();
      await harvestAgency(legacy, { code: 'unhcr', adapter: createMemoryAdapter(data) });
      // As a version 1 store left it: no version mark, an enrolment under its LMS id.
      await legacy.sql.exec(`DELETE FROM meta WHERE key = 'store_version'`);
      await legacy.sql.exec(
        `INSERT INTO enrolments (agency, local_id, learner_key, course_id, status, seen_run) VALUES ('unhcr', 'u7-c1', 'k', 'c1', 'COMPLETED', 'old')`,
      );
      await legacy.close();

      const reopened = await openAt();
      const [left] = await reopened.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enrolments');
      expect(left?.n).toBe(0);
      expect(await reopened.state('unhcr')).toBeUndefined();
      const rerun = await harvestAgency(reopened, { code: 'unhcr', adapter: createMemoryAdapter(data) });
      expect(rerun).toMatchObject({ ok: true, kind: 'full' });
      expect((await new KpiEngine(reopened).stats({ agencies: ['unhcr'] })).kpis.enrolments).toBe(100);
      await reopened.close();

      // Opened again at version 2: nothing is dropped.
      const again = await openAt();
      const [kept] = await again.sql.query<{ n: number }>('SELECT count(*)::int AS n FROM enrolments');
      expect(kept?.n).toBe(100);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('harvesting again changes no count, and the on-the-fly path agrees with the cube', async () => {
    const db = await open();
    const data = kpiData(2, 20, 30, 300);
    await harvestAgency(db, { code: 'ilo', adapter: createMemoryAdapter(data) });
    const engine = new KpiEngine(db);
    const first = await engine.stats({ agencies: ['ilo'] });
    await harvestAgency(db, { code: 'ilo', adapter: createMemoryAdapter(data) }, { full: true });
    const second = await engine.stats({ agencies: ['ilo'] });
    expect(second.kpis).toEqual(first.kpis);
    const windowed = await engine.stats({
      agencies: ['ilo'],
      enrolledFrom: new Date('2000-01-01'),
      enrolledTo: new Date('2100-01-01'),
    });
    expect(windowed.fromCube).toBe(false);
    expect(windowed.kpis).toEqual(first.kpis);
    // The SDG and month breakdowns agree both ways too.
    for (const by of ['SDG', 'MONTH', 'FORMAT'] as const) {
      const cube = await engine.breakdown(by, { agencies: ['ilo'] });
      const fly = await engine.breakdown(by, { agencies: ['ilo'], enrolledFrom: new Date('2000-01-01') });
      expect(fly.fromCube).toBe(false);
      expect(fly.rows).toEqual(cube.rows);
    }
  });

  it('resumes an interrupted run after its checkpoint without counting anything twice', async () => {
    const db = await open();
    const data = kpiData(3, 30, 40, 400);
    const failing = createMemoryAdapter(data);
    let left = 15;
    const listEnrollments = failing.listEnrollments.bind(failing);
    failing.listEnrollments = async (scope) => {
      if (left-- <= 0) throw new LmsError('LMS_UNAVAILABLE', 'LMS down');
      return listEnrollments(scope);
    };
    const crashed = await harvestAgency(db, { code: 'wfp', adapter: failing }, { coursesPerCheckpoint: 5 });
    expect(crashed.ok).toBe(false);
    const state = await db.state('wfp');
    expect(state?.cursor).toBe(15);
    expect(state?.lastError).toContain('LMS down');

    const healthy = createMemoryAdapter(data);
    const resumed = await harvestAgency(db, { code: 'wfp', adapter: healthy }, { coursesPerCheckpoint: 5 });
    expect(resumed).toMatchObject({ ok: true, resumed: true });
    // Only the courses after the checkpoint were asked again.
    expect(healthy.calls.listEnrollments).toBe(15);
    const answer = await new KpiEngine(db).stats({ agencies: ['wfp'] });
    expect(answer.kpis.enrolments).toBe(400);
    expect((await db.state('wfp'))?.lastError).toBeNull();
  });

  it('walks the learners of an LMS that lists enrolments by learner only (SuccessFactors)', async () => {
    const db = await open();
    const data = kpiData(4, 10, 250, 500);
    const adapter = createMemoryAdapter(data);
    (adapter.capabilities as Set<string>).delete('enrollments.byCourse');
    const byLearner = Object.assign(adapter, { listLearnerIds: async () => data.learners.map((l) => l.localId) });
    const result = await harvestAgency(db, { code: 'unhcr', adapter: byLearner });
    expect(result.ok).toBe(true);
    // 250 learners in checkpoints of 100: three enrolment calls, three credential calls.
    expect(adapter.calls.listEnrollments).toBe(3);
    const answer = await new KpiEngine(db).stats({ agencies: ['unhcr'] });
    expect(answer.kpis.enrolments).toBe(500);
    expect(answer.kpis.credentialsIssued).toBe(data.credentials.length);
  });

  it('harvests the ratings learners gave with their records, without the learner', async () => {
    const db = await open();
    const base = kpiData(5, 10, 30, 100);
    const enrollments = base.enrollments.map((e, i) =>
      e.status === EnrollmentStatus.COMPLETED ? { ...e, rating: i % 2 === 0 ? 4 : 2 } : e,
    );
    const rated = enrollments.filter((e) => e.rating !== undefined);
    await harvestAgency(db, { code: 'unep', adapter: createMemoryAdapter({ ...base, enrollments }) });
    const [agency] = await db.ratings('unep');
    expect(agency?.responses).toBe(rated.length);
    expect(agency?.sum).toBe(rated.reduce((n, e) => n + (e.rating ?? 0), 0));
    const course = rated[0]!.courseLocalId;
    const [one] = await db.ratings('unep', [course]);
    expect(one?.responses).toBe(rated.filter((e) => e.courseLocalId === course).length);
    const columns = await db.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ratings'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('learner_key');
  });
});
