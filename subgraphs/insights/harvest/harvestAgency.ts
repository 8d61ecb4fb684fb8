import type { LmsAdapter } from '../../../adapters/core/adapter.js';
import type { CourseRecord, EnrollmentRecord } from '../../../adapters/core/records.js';
import type { InsightsStore, RunKind } from '../store/insightsStore.js';
import { enrolmentRatings, harvestEvaluations } from './evaluations.js';
import { harvestChanges, planRun, type RunPolicy } from './incremental.js';
import { harvestRecognitions, type RecognitionReader } from './recognitionFeed.js';

/** One agency to harvest: its code and its adapter (whose limiters pace every call). */
export interface HarvestSource {
  readonly code: string;
  readonly adapter: LmsAdapter;
  /** The registry's recognitions of the agency (recognised learning); absent: none are counted. */
  readonly recognitions?: RecognitionReader | undefined;
}

export interface HarvestProgress {
  readonly agency: string;
  /** Courses (or learners, where the LMS lists enrolments by learner) done in this run. */
  readonly coursesDone: number;
  readonly coursesTotal: number;
  /** Records stored so far in this run (courses, enrolments, credentials). */
  readonly items: number;
  /** Adapter calls made so far in this run. */
  readonly calls: number;
  readonly startedAt: Date;
  /** Resumed an interrupted run. */
  readonly resumed: boolean;
}

export interface HarvestOptions extends RunPolicy {
  /**
   * Read everything and drop records the LMS no longer lists. A first run is full anyway, and so is every
   * run the policy (`fullEvery`, `fullMaxAgeMs`) says is due; the others are incremental where the adapter
   * declares `enrollments.changes` (incremental.ts), else a walk of everything that drops nothing.
   */
  readonly full?: boolean;
  /** Courses whose enrolments are stored between two checkpoints. @default 10 */
  readonly coursesPerCheckpoint?: number;
  readonly onProgress?: (progress: HarvestProgress) => void;
  /** Stops after the current batch (the checkpoint lets the next run resume). */
  readonly signal?: AbortSignal;
  /** Who harvests, for the harvest log. @default this process */
  readonly worker?: string;
}

export interface HarvestResult {
  readonly agency: string;
  readonly ok: boolean;
  readonly items: number;
  readonly calls: number;
  readonly durationMs: number;
  readonly resumed: boolean;
  /** What the run read: everything (`full`, `walk`) or the changes since the last run (`incremental`). */
  readonly kind: RunKind;
  readonly error?: string;
}

const LEARNERS_PER_CREDENTIAL_CALL = 100;

/**
 * Harvests one agency into the store through its adapter: the catalogue, then each course's enrolments
 * (status, dates, score) and the credentials of their learners, a checkpoint after every batch of courses.
 * Courses are taken in local-id order, so a run interrupted at any point resumes after its last checkpoint;
 * the batch it was in is fetched again and upserted (keyed by agency + local id): nothing counts twice.
 */
export async function harvestAgency(
  store: InsightsStore,
  source: HarvestSource,
  options: HarvestOptions = {},
): Promise<HarvestResult> {
  const { code, adapter } = source;
  const started = Date.now();
  const previous = await store.state(code);
  const plan = planRun(previous, adapter, options, new Date());
  const state = await store.beginRun(code, plan.full, plan.changes);
  // The run was under way before this call (interrupted, even before its first checkpoint).
  const resumed = previous?.runId !== null && previous?.runId !== undefined && previous.runId === state.runId;
  const kind = state.runKind;
  let items = state.runItems;
  let calls = state.runCalls;
  const call = <T>(promise: () => Promise<T>): Promise<T> => {
    calls++;
    return promise();
  };
  try {
    const courses: CourseRecord[] = [...(await call(() => adapter.listCourses({})))].sort((a, b) =>
      a.localId < b.localId ? -1 : a.localId > b.localId ? 1 : 0,
    );
    const runId = state.runId as string;
    await store.upsertCourses(code, runId, courses);
    if (state.cursor === 0) items += courses.length;
    const incremental = kind === 'incremental';
    if (incremental) {
      const startedAt = state.runStartedAt ?? new Date(started);
      items = await harvestChanges({
        store,
        code,
        adapter,
        runId,
        state,
        options,
        items,
        call,
        calls: () => calls,
        startedAt,
        resumed,
      });
    }
    // Enrolments by course where the LMS lists them so (Moodle, Cornerstone), else by learner (SuccessFactors
    // lists its learners for this); the checkpoint cursor counts courses or learners, in a stable order.
    const byCourse = adapter.capabilities.has('enrollments.byCourse');
    const learnerIds =
      !incremental && !byCourse && adapter.capabilities.has('enrollments.byLearner') && adapter.listLearnerIds
        ? [...(await call(() => (adapter.listLearnerIds as () => Promise<readonly string[]>)()))].sort()
        : [];
    const units = incremental ? [] : byCourse ? courses.map((c) => c.localId) : learnerIds;
    const hasCredentials = adapter.capabilities.has('credentials');
    const perCheckpoint = Math.max(1, byCourse ? (options.coursesPerCheckpoint ?? 10) : LEARNERS_PER_CREDENTIAL_CALL);
    const asked = new Set<string>();
    let cursor = Math.min(state.cursor, units.length);
    const report = (done: number) =>
      options.onProgress?.({
        agency: code,
        coursesDone: done,
        coursesTotal: units.length,
        items,
        calls,
        startedAt: state.runStartedAt ?? new Date(started),
        resumed,
      });
    if (!incremental) report(cursor);
    while (cursor < units.length) {
      if (options.signal?.aborted) throw new Error('harvest stopped');
      const batch = units.slice(cursor, cursor + perCheckpoint);
      const enrolments: EnrollmentRecord[] = [];
      if (byCourse) {
        for (const courseLocalId of batch) {
          enrolments.push(...(await call(() => adapter.listEnrollments({ courseLocalId }))));
        }
      } else {
        enrolments.push(...(await call(() => adapter.listEnrollments({ learnerLocalIds: batch }))));
      }
      await store.upsertEnrolments(code, runId, enrolments);
      items += enrolments.length;
      // Course evaluations that come with the records (the learner's rating, 1–5); no learner is kept with them.
      await store.upsertRatings(code, runId, enrolmentRatings(store, code, enrolments));
      if (hasCredentials) {
        const learners = byCourse
          ? [...new Set(enrolments.map((e) => e.learnerLocalId))].filter((l) => !asked.has(l))
          : batch;
        for (let i = 0; i < learners.length; i += LEARNERS_PER_CREDENTIAL_CALL) {
          const slice = learners.slice(i, i + LEARNERS_PER_CREDENTIAL_CALL);
          for (const learner of slice) asked.add(learner);
          const credentials = await call(() => adapter.listCredentials(slice));
          await store.upsertCredentials(code, runId, credentials);
          items += credentials.length;
        }
      }
      cursor += batch.length;
      await store.checkpoint(code, cursor, items, calls);
      report(cursor);
    }
    items += await harvestEvaluations(store, code, runId, adapter, courses, call);
    items += await harvestRecognitions(store, source, runId, call);
    await store.checkpoint(code, cursor, items, calls);
    await store.finishRun(code, runId, kind === 'full', options.worker);
    await store.clearError(code);
    return { agency: code, ok: true, items, calls, durationMs: Date.now() - started, resumed, kind };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await store.failRun(code, message);
    return { agency: code, ok: false, items, calls, durationMs: Date.now() - started, resumed, kind, error: message };
  }
}
