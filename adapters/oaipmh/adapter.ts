import { LmsKind } from '../../schema/model/enums.js';
import type { AdapterDeps, LmsAdapter, LmsCapability } from '../core/adapter.js';
import { createErrorBoundary, LmsError } from '../core/errors.js';
import { matchesCourseQuery } from '../core/query.js';
import { createOaiPmhClient } from './client.js';
import type { OaiPmhConfig } from './config.js';
import { harvest } from './harvester.js';
import { mapRecord, type OerCourseRecord } from './mapper.js';
import { emptySnapshot, type HarvestMode, type HarvestReport, type RepositoryInfo, type Snapshot } from './snapshot.js';

/** An OER repository offers a catalogue and nothing personal. */
const CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>(['courses']);
const SNAPSHOT_KEY = 'oaipmh:snapshot';

/** What the harvest looks like now: for operators, the registry's health view and tests. */
export interface HarvestStatus {
  readonly records: number;
  readonly skipped: Readonly<Record<string, string>>;
  readonly repository: RepositoryInfo | null;
  readonly watermark: string | null;
  readonly complete: boolean;
  readonly harvestedAt: Date | null;
  readonly resumable: boolean;
  readonly lastHarvest: HarvestReport | null;
}

export interface OaiPmhAdapter extends LmsAdapter {
  /** Courses come with their licence. */
  getCourses(localIds: readonly string[]): Promise<ReadonlyArray<OerCourseRecord | null>>;
  listCourses(query: Parameters<LmsAdapter['listCourses']>[0]): Promise<readonly OerCourseRecord[]>;
  /** Harvests now, incrementally unless `full` is asked for; rejects with the harvest's error. */
  refresh(mode?: HarvestMode): Promise<HarvestStatus>;
  harvestStatus(): Promise<HarvestStatus>;
}

export interface OaiPmhAdapterOptions {
  /** Injected clock (epoch ms) for freshness and token expiry. @default Date.now */
  readonly now?: () => number;
  /** First retry backoff step, in ms (tests shorten it). */
  readonly backoffBaseMs?: number;
}

function statusOf(snapshot: Snapshot): HarvestStatus {
  return {
    records: Object.keys(snapshot.records).length,
    skipped: snapshot.skipped,
    repository: snapshot.repository,
    watermark: snapshot.watermark,
    complete: snapshot.complete,
    harvestedAt: snapshot.harvestedAt === null ? null : new Date(snapshot.harvestedAt),
    resumable: snapshot.pending !== null,
    lastHarvest: snapshot.lastHarvest,
  };
}

/**
 * An OAI-PMH repository of open educational resources as a course source. The repository is harvested
 * into a snapshot kept in the adapter's cache (keyv: memory or Redis); reads are served from it, and a
 * snapshot older than `cacheTtlMs` is refreshed incrementally (`from` = the last harvest's responseDate)
 * before answering. If harvesting fails, a complete snapshot is served for up to `staleIfErrorMs` more.
 */
export function createOaiPmhAdapter(
  config: OaiPmhConfig,
  deps: AdapterDeps,
  options: OaiPmhAdapterOptions = {},
): OaiPmhAdapter {
  const now = options.now ?? Date.now;
  const client = createOaiPmhClient({
    baseUrl: config.baseUrl,
    agency: deps.agency,
    httpMethod: config.httpMethod,
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    maxRecordChars: config.maxRecordChars,
    ...(config.auth ? { auth: config.auth } : {}),
    ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
  });
  const guard = createErrorBoundary(deps.agency, LmsKind.CUSTOM);
  const harvesterDeps = { client, config, logger: deps.logger, now };
  const snapshotTtlMs = 2 * Math.max(config.fullHarvestEveryMs, config.staleIfErrorMs, config.cacheTtlMs);
  let inFlight: Promise<{ snapshot: Snapshot; error: LmsError | null }> | null = null;
  let memo: { revision: string; courses: Map<string, OerCourseRecord> } | null = null;

  const load = async () =>
    ((await deps.cache.get(SNAPSHOT_KEY).catch(() => undefined)) as Snapshot | undefined) ?? emptySnapshot();

  /** One harvest at a time per adapter; concurrent readers share it. Its snapshot is saved either way. */
  function harvestOnce(snapshot: Snapshot, mode?: HarvestMode) {
    inFlight ??= (async () => {
      try {
        const outcome = await harvest(snapshot, harvesterDeps, mode);
        await deps.cache.set(SNAPSHOT_KEY, outcome.snapshot, snapshotTtlMs).catch((error: unknown) => {
          deps.logger.warn({ err: String(error) }, 'OAI-PMH snapshot could not be saved');
        });
        return outcome;
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  }

  async function current(): Promise<Snapshot> {
    const snapshot = await load();
    const age = snapshot.harvestedAt === null ? Number.POSITIVE_INFINITY : now() - snapshot.harvestedAt;
    if (snapshot.complete && age < config.cacheTtlMs) return snapshot;
    const outcome = await harvestOnce(snapshot);
    if (!outcome.error) return outcome.snapshot;
    if (outcome.snapshot.complete && age < config.cacheTtlMs + config.staleIfErrorMs) {
      deps.logger.warn({ code: outcome.error.code }, 'serving the harvested snapshot after a failed OAI-PMH harvest');
      return outcome.snapshot;
    }
    throw outcome.error;
  }

  function coursesOf(snapshot: Snapshot): Map<string, OerCourseRecord> {
    if (memo?.revision === snapshot.revision) return memo.courses;
    const courses = new Map<string, OerCourseRecord>();
    for (const record of Object.values(snapshot.records)) {
      const mapped = mapRecord(record);
      if ('course' in mapped) courses.set(mapped.course.localId, mapped.course);
    }
    memo = { revision: snapshot.revision, courses };
    return courses;
  }

  const unsupported = async (capability: string): Promise<never> => {
    throw new LmsError('LMS_UNSUPPORTED', `An OER repository does not support ${capability}.`, {
      agency: deps.agency,
      lmsKind: LmsKind.CUSTOM,
    });
  };

  return {
    kind: LmsKind.CUSTOM,
    capabilities: CAPABILITIES,
    getCourses: (ids) =>
      guard(async () => {
        if (ids.length === 0) return [];
        const courses = coursesOf(await current());
        return ids.map((id) => courses.get(id) ?? null);
      }),
    listCourses: (query) =>
      guard(async () => [...coursesOf(await current()).values()].filter((c) => matchesCourseQuery(c, query))),
    refresh: (mode) =>
      guard(async () => {
        const outcome = await harvestOnce(await load(), mode);
        if (outcome.error) throw outcome.error;
        return statusOf(outcome.snapshot);
      }),
    harvestStatus: async () => statusOf(await load()),
    getLearners: () => unsupported('learners'),
    findLearners: () => unsupported('learners'),
    getEnrollments: () => unsupported('enrollments'),
    listEnrollments: () => unsupported('enrollments'),
    getCredentials: () => unsupported('credentials'),
    listCredentials: () => unsupported('credentials'),
    getStats: () => unsupported('stats'),
    healthCheck: () =>
      guard(async () => {
        await client.identify();
      }),
    async dispose() {
      client.dispose();
    },
  };
}
