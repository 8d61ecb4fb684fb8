/**
 * Full vs incremental insights harvest (issue 15): LMS calls (HTTP requests the simulator received), adapter
 * calls and items of a full run, then of an incremental run after ~1% of the enrolments changed, for the
 * Cornerstone (Transcript Search) and SuccessFactors (learning history fromDate/toDate) simulators at
 * sandbox size and larger. Counts, not times, are the point; durations are shown for scale only (rate
 * windows are shortened to one second on both sides, so limits are kept but nobody waits a minute).
 *
 *   npm run bench:incremental [-- 120,1000 [cornerstone|successfactors]]
 */
import { Keyv } from 'keyv';
import { pino } from 'pino';
import type { LmsAdapter } from '../../adapters/core/adapter.js';
import { createAdapter } from '../../adapters/core/factory.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  cornerstoneAdapter,
  cornerstoneConfigSchema,
  startCornerstoneSimulator,
} from '../../adapters/cornerstone/index.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
  successFactorsConfigSchema,
} from '../../adapters/successfactors/index.js';
import { validateConfig } from '../../schema/config/load.js';
import { harvestAgency } from '../../subgraphs/insights/harvest/harvestAgency.js';
import { InsightsStore } from '../../subgraphs/insights/store/insightsStore.js';

const sizes = (process.argv[2] ?? '120,1000').split(',').map(Number);
const only = process.argv[3];
const logger = pino({ level: 'silent' });
const deps = (agency: string) => ({ agency, logger, cache: new Keyv() });

interface Row {
  lms: string;
  learners: number;
  enrolments: number;
  changed: number;
  run: string;
  lmsCalls: number;
  adapterCalls: number;
  items: number;
  seconds: number;
}

async function measure(
  lms: string,
  learners: number,
  enrolments: number,
  sim: { stats: { calls: number }; close(): Promise<void> },
  adapter: () => LmsAdapter,
  change: () => number,
): Promise<Row[]> {
  const store = await InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'bench' });
  const rows: Row[] = [];
  const run = async (changed: number) => {
    const before = sim.stats.calls;
    const lmsAdapter = adapter();
    const result = await harvestAgency(store, { code: 'bench', adapter: lmsAdapter });
    await lmsAdapter.dispose();
    if (!result.ok) throw new Error(`${lms}: ${result.error}`);
    rows.push({
      lms,
      learners,
      enrolments,
      changed,
      run: result.kind,
      lmsCalls: sim.stats.calls - before,
      adapterCalls: result.calls,
      items: result.items,
      seconds: Math.round(result.durationMs / 100) / 10,
    });
  };
  await run(0);
  await run(change());
  await store.close();
  await sim.close();
  return rows;
}

async function cornerstone(users: number): Promise<Row[]> {
  const sim = await startCornerstoneSimulator({ seed: 3, users, limits: { windowMs: 1000 } });
  const config = validateConfig(cornerstoneConfigSchema, {
    kind: 'cornerstone',
    baseUrl: sim.url,
    clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
    clientSecret: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    rateWindowMs: 1000,
  });
  return measure(
    'cornerstone',
    users,
    sim.dataset.transcripts.length,
    sim,
    () => createAdapter(cornerstoneAdapter, config, deps('bench')),
    () => {
      const open = sim.dataset.transcripts.filter((t) => t.group === 'InProgress' || t.group === 'NotStarted');
      const picked = open.slice(0, Math.max(3, Math.round(sim.dataset.transcripts.length / 100)));
      for (const t of picked) {
        sim.updateTranscript(t.userId, t.loId, {
          group: 'Completed',
          statusId: 1,
          label: 'Completed',
          completedAt: Date.now(),
        });
      }
      return picked.length;
    },
  );
}

async function successFactors(students: number): Promise<Row[]> {
  const sim = await startSuccessFactorsSimulator({ seed: 5, students, minIntervalMs: 20 });
  const config = validateConfig(successFactorsConfigSchema, {
    kind: 'successfactors',
    baseUrl: sim.url,
    clientId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientId,
    clientSecret: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientSecret,
    companyId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.companyId,
    userId: SUCCESSFACTORS_SANDBOX_CREDENTIALS.userId,
    minIntervalMs: 20,
  });
  const enrolments = sim.dataset.todo.length + sim.dataset.history.length;
  return measure(
    'successfactors',
    students,
    enrolments,
    sim,
    () => createAdapter(successFactorsAdapter, config, deps('bench')),
    () => {
      const picked = sim.dataset.todo.slice(0, Math.max(3, Math.round(enrolments / 100)));
      return picked.filter((row) => sim.completeAssignment(row.userID, String(row.componentID))).length;
    },
  );
}

// One table per LMS and size as soon as it is measured (a big size takes minutes on a busy machine).
for (const size of sizes) {
  if (only !== 'successfactors') console.table(await cornerstone(size));
  if (only !== 'cornerstone') console.table(await successFactors(size));
}
