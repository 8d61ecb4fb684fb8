import type { LmsAdapter } from '../../../adapters/core/adapter.js';
import type { ChangeWindow, EnrollmentRecord } from '../../../adapters/core/records.js';
import type { HarvestState, InsightsStore } from '../store/insightsStore.js';
import { enrolmentRatings } from './evaluations.js';
import type { HarvestOptions, HarvestProgress } from './harvestAgency.js';

/** When a run reads everything again instead of the changes (issue 15): incremental runs never see deletions. */
export interface RunPolicy {
  /** Every this many successful runs, one is full. @default 24 */
  readonly fullEvery?: number;
  /** A full run at the latest this long after the last one, in ms. @default 7 days */
  readonly fullMaxAgeMs?: number;
  /**
   * Changes are asked for since the last successful run's start minus this (ms), for records saved late:
   * Cornerstone's reporting warehouse lags up to 15 minutes (lms-apis.md §2.4.2d). @default 15 minutes
   */
  readonly overlapMs?: number;
}

export const DEFAULT_RUN_POLICY: Required<RunPolicy> = {
  fullEvery: 24,
  fullMaxAgeMs: 7 * 86_400_000,
  overlapMs: 15 * 60_000,
};

/** The plan of the next run of an agency: full or not, and the change window when it can be incremental. */
export function planRun(
  previous: HarvestState | undefined,
  adapter: Pick<LmsAdapter, 'capabilities'>,
  options: HarvestOptions,
  now: Date,
): { readonly full: boolean; readonly changes?: ChangeWindow } {
  const policy = { ...DEFAULT_RUN_POLICY, ...definedOf(options) };
  if (options.full === true || !previous?.lastSuccessAt || !previous.lastFullAt) return { full: true };
  const fullDue =
    previous.runsSinceFull + 1 >= policy.fullEvery ||
    now.getTime() - previous.lastFullAt.getTime() >= policy.fullMaxAgeMs;
  if (fullDue) return { full: true };
  // An LMS with a modified-since filter (Cornerstone, SuccessFactors): only what changed. Others (Moodle has
  // no such filter on enrolments) walk every course's roster or every learner again, dropping nothing.
  if (!adapter.capabilities.has('enrollments.changes') || !previous.lastRunStartedAt) return { full: false };
  const since = new Date(previous.lastRunStartedAt.getTime() - policy.overlapMs);
  return since < now ? { full: false, changes: { since, until: now } } : { full: false };
}

function definedOf(options: HarvestOptions): RunPolicy {
  return Object.fromEntries(
    Object.entries({
      fullEvery: options.fullEvery,
      fullMaxAgeMs: options.fullMaxAgeMs,
      overlapMs: options.overlapMs,
    }).filter(([, value]) => value !== undefined),
  );
}

/** Learners whose credentials are read in one call (as in the full walk). */
const LEARNERS_PER_CREDENTIAL_CALL = 100;

export interface ChangeRun {
  readonly store: InsightsStore;
  readonly code: string;
  readonly adapter: LmsAdapter;
  readonly runId: string;
  readonly state: HarvestState;
  readonly options: HarvestOptions;
  /** Items stored so far in this run. */
  readonly items: number;
  /** Makes one adapter call, counted. */
  call<T>(work: () => Promise<T>): Promise<T>;
  calls(): number;
  readonly startedAt: Date;
  readonly resumed: boolean;
}

/**
 * The incremental part of a run, after the catalogue: the enrolments changed in the run's window (kept in
 * the harvest state, so a resumed run asks for the same window), upserted by agency + local id, then the
 * credentials of the learners among them, 100 learners a call, a checkpoint after each call. A run
 * interrupted anywhere asks for the window again (upserting the same records again changes nothing) and
 * skips the learners before its checkpoint. Returns the items stored so far in the run.
 */
export async function harvestChanges(run: ChangeRun): Promise<number> {
  const { store, code, adapter, runId, state, options } = run;
  if (!state.runSince || !state.runUntil) throw new Error('an incremental run without its change window');
  const window = { since: state.runSince, until: state.runUntil };
  let items = run.items;
  const changed: readonly EnrollmentRecord[] = await run.call(() => adapter.listEnrollmentChanges(window));
  await store.upsertEnrolments(code, runId, changed);
  await store.upsertRatings(code, runId, enrolmentRatings(store, code, changed));
  if (state.cursor === 0) items += changed.length;
  const learners = [...new Set(changed.map((e) => e.learnerLocalId))].sort();
  let cursor = Math.min(state.cursor, learners.length);
  const report = () =>
    options.onProgress?.({
      agency: code,
      coursesDone: cursor,
      coursesTotal: learners.length,
      items,
      calls: run.calls(),
      startedAt: run.startedAt,
      resumed: run.resumed,
    } satisfies HarvestProgress);
  report();
  // Credentials are re-read only for learners whose enrolments changed (a completion may have issued one).
  while (adapter.capabilities.has('credentials') && cursor < learners.length) {
    if (options.signal?.aborted) throw new Error('harvest stopped');
    const slice = learners.slice(cursor, cursor + LEARNERS_PER_CREDENTIAL_CALL);
    const credentials = await run.call(() => adapter.listCredentials(slice));
    await store.upsertCredentials(code, runId, credentials);
    items += credentials.length;
    cursor += slice.length;
    await store.checkpoint(code, cursor, items, run.calls());
    report();
  }
  return items;
}
