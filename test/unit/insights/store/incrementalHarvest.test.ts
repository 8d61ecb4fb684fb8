import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import { LmsError } from '../../../../adapters/core/errors.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  cornerstoneAdapter,
  cornerstoneConfigSchema,
  startCornerstoneSimulator,
} from '../../../../adapters/cornerstone/index.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  type SuccessFactorsSimulatorHandle,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
  successFactorsConfigSchema,
} from '../../../../adapters/successfactors/index.js';
import { courseLocalId } from '../../../../adapters/successfactors/mapper.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { KpiEngine } from '../../../../subgraphs/insights/answer/engine.js';
import { harvestAgency } from '../../../../subgraphs/insights/harvest/harvestAgency.js';
import { planRun } from '../../../../subgraphs/insights/harvest/incremental.js';
import { InsightsStore } from '../../../../subgraphs/insights/store/insightsStore.js';

// Incremental harvests (issue 15) against a real Cornerstone simulator on loopback: Transcript Search finds
// what changed since the last run, and the store upserts it by agency + local id.
const WINDOW_MS = 500;
let store: InsightsStore;
let simulator: CornerstoneSimulatorHandle;
const adapters: LmsAdapter[] = [];

beforeAll(async () => {
  store = await InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'test-secret' });
}, 60_000);
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.dispose()));
  await simulator?.close();
  await store.close();
});

/** A fresh adapter per run, as each harvest cycle builds its sources (nothing cached from the last run). */
function cornerstone(): LmsAdapter {
  const config = validateConfig(cornerstoneConfigSchema, {
    kind: 'cornerstone',
    baseUrl: simulator.url,
    clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
    clientSecret: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    rateWindowMs: WINDOW_MS,
  });
  const adapter = createAdapter(cornerstoneAdapter, config, {
    agency: 'unicef',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  adapters.push(adapter);
  return adapter;
}

/** Harvests and says how many HTTP calls the LMS received for it. */
async function harvest(code: string, adapter = cornerstone(), options: Parameters<typeof harvestAgency>[2] = {}) {
  const before = simulator.stats.calls;
  const result = await harvestAgency(store, { code, adapter }, options);
  return { result, lmsCalls: simulator.stats.calls - before };
}

const kpis = async (code: string) => (await new KpiEngine(store).stats({ agencies: [code] })).kpis;
const count = async (table: string, code: string) =>
  (await store.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE agency = $1`, [code]))[0]!.n;

/** Completes two open records and withdraws one, as people working in the portal would. */
function changeSomeRecords(offset: number): string[] {
  const open = simulator.dataset.transcripts.filter((t) => t.group === 'InProgress' || t.group === 'NotStarted');
  const [a, b, c] = open.slice(offset, offset + 3);
  const now = Date.now();
  simulator.updateTranscript(a!.userId, a!.loId, {
    group: 'Completed',
    statusId: 1,
    label: 'Completed',
    completedAt: now - 5_000,
    score: 88,
    progress: 100,
  });
  simulator.updateTranscript(b!.userId, b!.loId, {
    group: 'Completed',
    statusId: 1,
    label: 'Completed',
    completedAt: now - 4_000,
    score: 72,
    progress: 100,
  });
  simulator.updateTranscript(c!.userId, c!.loId, { group: 'Withdrawn', statusId: 8, label: 'Withdrawn' });
  return [a!, b!, c!].map((t) => `${t.userId}:${t.loId}`).sort();
}

describe('incremental harvest from Cornerstone (Transcript Search)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    // 300 users, so that more than 100 learners can change at once (credentials are read 100 a call).
    simulator = await startCornerstoneSimulator({ seed: 3, users: 300, limits: { windowMs: WINDOW_MS } });
  });

  it('after a change, reads exactly the changed records with far fewer LMS calls, and agrees with a full harvest', async () => {
    const first = await harvest('cs-a');
    expect(first.result).toMatchObject({ ok: true, kind: 'full' });
    const changed = changeSomeRecords(0);

    const next = await harvest('cs-a');
    expect(next.result).toMatchObject({ ok: true, kind: 'incremental', resumed: false });
    // Exactly the changed enrolments were stored by the incremental run.
    const [log] = await store.sql.query<{ run_id: string; kind: string }>(
      `SELECT run_id, kind FROM harvest_log WHERE agency = 'cs-a' ORDER BY finished_at DESC LIMIT 1`,
    );
    expect(log?.kind).toBe('incremental');
    const seen = await store.sql.query<{ local_id: string }>(
      'SELECT local_id FROM enrolments WHERE agency = $1 AND seen_run = $2 ORDER BY local_id',
      ['cs-a', log!.run_id],
    );
    expect(seen.map((r) => r.local_id).sort()).toEqual(changed.map((id) => store.recordKey('cs-a', id)).sort());
    // Catalogue, one Transcript Search window, one user look-up and the three learners' credentials, against
    // every course's enrolments and every learner's credentials.
    expect(next.lmsCalls).toBeLessThan(first.lmsCalls / 8);
    expect(simulator.stats.violations).toEqual([]);

    // The same portal harvested in full now counts the same.
    const full = await harvest('cs-b');
    expect(full.result.kind).toBe('full');
    expect(await kpis('cs-a')).toEqual(await kpis('cs-b'));
    expect(await count('enrolments', 'cs-a')).toBe(await count('enrolments', 'cs-b'));
  });

  it('an incremental run interrupted after storing its changes resumes without counting anything twice', async () => {
    await harvest('cs-c');
    changeSomeRecords(3);
    // The LMS fails when the run reads credentials, after the changed enrolments were upserted.
    const failing = cornerstone();
    const broken: LmsAdapter = {
      ...failing,
      listCredentials: () => Promise.reject(new LmsError('LMS_UNAVAILABLE', 'LMS down')),
    };
    const crashed = await harvest('cs-c', broken);
    expect(crashed.result).toMatchObject({ ok: false, kind: 'incremental' });
    const interrupted = await store.state('cs-c');
    expect(interrupted?.runId).not.toBeNull();
    expect(interrupted?.runKind).toBe('incremental');

    // The next run resumes the same run and window: the changes are fetched and upserted again.
    const resumed = await harvest('cs-c');
    expect(resumed.result).toMatchObject({ ok: true, kind: 'incremental', resumed: true });
    const full = await harvest('cs-d');
    expect(await kpis('cs-c')).toEqual(await kpis('cs-d'));
    for (const table of ['enrolments', 'credentials', 'courses']) {
      expect(await count(table, 'cs-c'), table).toBe(await count(table, 'cs-d'));
    }
    expect(full.result.ok).toBe(true);
  });

  it('resumes after its last checkpoint: learners whose credentials were read are not asked again', async () => {
    await harvest('cs-f');
    // One changed record for each of 150 learners: credentials are read 100 learners a call.
    const firstOpen = new Map<number, (typeof simulator.dataset.transcripts)[number]>();
    for (const t of simulator.dataset.transcripts) {
      if (t.group !== 'Completed' && !firstOpen.has(t.userId)) firstOpen.set(t.userId, t);
    }
    const learners = [...firstOpen.values()].slice(0, 150);
    expect(learners.length).toBeGreaterThan(100);
    for (const t of learners) {
      simulator.updateTranscript(t.userId, t.loId, {
        group: 'Completed',
        statusId: 1,
        label: 'Completed',
        completedAt: Date.now(),
      });
    }
    const lms = cornerstone();
    let credentialCalls = 0;
    const breaksOnSecond: LmsAdapter = {
      ...lms,
      listCredentials: (ids) => {
        credentialCalls += 1;
        return credentialCalls === 2
          ? Promise.reject(new LmsError('LMS_UNAVAILABLE', 'LMS down'))
          : lms.listCredentials(ids);
      },
    };
    expect((await harvest('cs-f', breaksOnSecond)).result.ok).toBe(false);
    expect((await store.state('cs-f'))?.cursor).toBe(100);

    const healthy = cornerstone();
    const asked: string[][] = [];
    const counting: LmsAdapter = {
      ...healthy,
      listCredentials: (ids) => {
        asked.push([...ids]);
        return healthy.listCredentials(ids);
      },
    };
    const resumed = await harvest('cs-f', counting);
    expect(resumed.result).toMatchObject({ ok: true, kind: 'incremental', resumed: true });
    expect(asked.flat()).toHaveLength(learners.length - 100);
    await harvest('cs-g');
    expect(await kpis('cs-f')).toEqual(await kpis('cs-g'));
    expect(await count('credentials', 'cs-f')).toBe(await count('credentials', 'cs-g'));
  });

  it('runs in full every fullEvery runs, when --full asks, and replaces an interrupted partial run when full', async () => {
    await harvest('cs-e', cornerstone(), { fullEvery: 3 });
    expect((await harvest('cs-e', cornerstone(), { fullEvery: 3 })).result.kind).toBe('incremental');
    expect((await harvest('cs-e', cornerstone(), { fullEvery: 3 })).result.kind).toBe('incremental');
    expect((await harvest('cs-e', cornerstone(), { fullEvery: 3 })).result.kind).toBe('full');
    expect((await harvest('cs-e', cornerstone(), { full: true })).result.kind).toBe('full');
    const state = await store.state('cs-e');
    expect(state).toMatchObject({ lastRunKind: 'full', runsSinceFull: 0 });

    // Deletions: a full run drops what the LMS no longer lists; an incremental one cannot see it.
    await store.sql.query(
      `INSERT INTO enrolments (agency, local_id, learner_key, course_id, status, seen_run) VALUES ('cs-e', 'gone', 'k', 'c', 'COMPLETED', 'old')`,
    );
    await harvest('cs-e');
    expect(await count('enrolments', 'cs-e')).toBe((await count('enrolments', 'cs-b')) + 1);
    await harvest('cs-e', cornerstone(), { full: true });
    expect(await count('enrolments', 'cs-e')).toBe(await count('enrolments', 'cs-b'));
  });
});

describe('incremental harvest from SuccessFactors (learning history fromDate/toDate)', { timeout: 120_000 }, () => {
  let sf: SuccessFactorsSimulatorHandle;
  beforeAll(async () => {
    sf = await startSuccessFactorsSimulator({ seed: 5, minIntervalMs: 20 });
  });
  afterAll(() => sf.close());
  const successFactors = () => {
    const config = validateConfig(successFactorsConfigSchema, {
      kind: 'successfactors',
      baseUrl: sf.url,
      clientId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientId,
      clientSecret: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientSecret,
      companyId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.companyId,
      userId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.userId,
      minIntervalMs: 20,
    });
    const adapter = createAdapter(successFactorsAdapter, config, {
      agency: 'undp',
      logger: pino({ level: 'silent' }),
      cache: new Keyv(),
    });
    adapters.push(adapter);
    return adapter;
  };
  const sfHarvest = async (code: string) => {
    const before = sf.stats.calls;
    const result = await harvestAgency(store, { code, adapter: successFactors() });
    return { result, lmsCalls: sf.stats.calls - before };
  };

  it('reads the completions since the last run with fewer LMS calls, and agrees with a full harvest', async () => {
    const first = await sfHarvest('sf-a');
    expect(first.result).toMatchObject({ ok: true, kind: 'full' });
    // Two learners complete an assigned item: the to-do item leaves the plan, a history row is recorded.
    const [a, b] = sf.dataset.todo.filter((row, i, all) => all.findIndex((r) => r.userID === row.userID) === i);
    expect(sf.completeAssignment(a!.userID, String(a!.componentID), { grade: '95' })).toBe(true);
    expect(sf.completeAssignment(b!.userID, String(b!.componentID), { credit: false })).toBe(true);

    const next = await sfHarvest('sf-a');
    expect(next.result).toMatchObject({ ok: true, kind: 'incremental' });
    const [log] = await store.sql.query<{ run_id: string }>(
      `SELECT run_id FROM harvest_log WHERE agency = 'sf-a' AND kind = 'incremental'`,
    );
    // Records are named by learner key and course (the store keeps no LMS account id).
    const seen = await store.sql.query<{ learner_key: string; course_id: string; status: string }>(
      'SELECT learner_key, course_id, status FROM enrolments WHERE agency = $1 AND seen_run = $2',
      ['sf-a', log!.run_id],
    );
    const expected = [a!, b!].map(
      (row) =>
        `${store.learnerKey('sf-a', row.userID)} ${courseLocalId(String(row.componentTypeID), String(row.componentID), Number(row.revisionDate))}`,
    );
    expect(seen.map((r) => `${r.learner_key} ${r.course_id}`).sort()).toEqual(expected.sort());
    expect(seen.map((r) => r.status).sort()).toEqual(['COMPLETED', 'FAILED']);
    // One history call per learner instead of a to-do list, a history and a credentials read per learner.
    expect(next.lmsCalls).toBeLessThan(first.lmsCalls / 2);
    expect(sf.stats.violations).toEqual([]);

    await sfHarvest('sf-b');
    expect(await kpis('sf-a')).toEqual(await kpis('sf-b'));
    expect(await count('enrolments', 'sf-a')).toBe(await count('enrolments', 'sf-b'));
    expect(await count('credentials', 'sf-a')).toBe(await count('credentials', 'sf-b'));
  });
});

describe('the run plan', () => {
  const adapter = { capabilities: new Set(['courses', 'enrollments.changes'] as const) };
  const walker = { capabilities: new Set(['courses', 'enrollments.byCourse'] as const) };
  const now = new Date('2026-03-01T12:00:00Z');
  const base = {
    lastSuccessAt: new Date('2026-03-01T11:05:00Z'),
    lastRunStartedAt: new Date('2026-03-01T11:00:00Z'),
    lastFullAt: new Date('2026-03-01T00:00:00Z'),
    runsSinceFull: 3,
  } as Parameters<typeof planRun>[0];

  it('asks for the changes since the last run started, less the overlap; full when due, first or asked', () => {
    expect(planRun(base, adapter, {}, now)).toEqual({
      full: false,
      changes: { since: new Date('2026-03-01T10:45:00Z'), until: now },
    });
    expect(planRun(base, adapter, { overlapMs: 0 }, now).changes?.since).toEqual(base!.lastRunStartedAt);
    expect(planRun(undefined, adapter, {}, now)).toEqual({ full: true });
    expect(planRun(base, adapter, { full: true }, now)).toEqual({ full: true });
    expect(planRun(base, adapter, { fullEvery: 4 }, now)).toEqual({ full: true });
    expect(planRun(base, adapter, { fullMaxAgeMs: 6 * 3_600_000 }, now)).toEqual({ full: true });
    // Without a modified-since filter (Moodle): every roster again, dropping nothing.
    expect(planRun(base, walker, {}, now)).toEqual({ full: false });
  });
});
