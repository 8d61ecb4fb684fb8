import type { AdapterDeps, AdapterImplementation, LmsAdapter, LmsCapability } from '../core/adapter.js';
import { LmsError } from '../core/errors.js';
import { wrapAdapter } from '../core/factory.js';
import { computeStats, matchesCourseQuery } from '../core/query.js';
import { outsideScope } from '../core/scope.js';
import { createOaiPmhClient } from './client.js';
import type { OaiPmhConfig } from './config.js';
import { harvest } from './harvester.js';
import { mapRecord, type OerCourseRecord } from './mapper.js';
import { emptySnapshot, type HarvestMode, type HarvestReport, type RepositoryInfo, type Snapshot } from './snapshot.js';

/**
 * An OER repository offers a catalogue and nothing personal; its statistics are its course counts (no
 * agency learner's enrolment is recorded there).
 */
export const OAIPMH_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>(['courses', 'stats']);
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

/** What the harvest offers besides the catalogue: a harvest on demand and its status. */
export interface HarvestControl {
  /** Harvests now, incrementally unless `full` is asked for; rejects with the harvest's error. */
  refresh(mode?: HarvestMode): Promise<HarvestStatus>;
  harvestStatus(): Promise<HarvestStatus>;
}

/** The implementation the descriptor's `connect` returns (the factory wraps it). */
export interface OaiPmhSource extends AdapterImplementation, HarvestControl {
  getCourses(localIds: readonly string[]): Promise<ReadonlyArray<OerCourseRecord | null>>;
  listCourses(query: Parameters<LmsAdapter['listCourses']>[0]): Promise<readonly OerCourseRecord[]>;
}

/** A factory-wrapped OAI-PMH adapter that keeps its harvest controls (tests, operators). */
export type OaiPmhAdapter = LmsAdapter & HarvestControl;

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
export function createOaiPmhSource(
  config: OaiPmhConfig,
  deps: AdapterDeps,
  options: OaiPmhAdapterOptions = {},
): OaiPmhSource {
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
  const harvesterDeps = { client, config, logger: deps.logger, now };
  const snapshotTtlMs = 2 * Math.max(config.fullHarvestEveryMs, config.staleIfErrorMs, config.cacheTtlMs);
  let inFlight: Promise<{ snapshot: Snapshot; error: LmsError | null }> | null = null;
  let memo: { revision: string; courses: Map<string, OerCourseRecord> } | null = null;

  const load = async () =>
    ((await deps.cache.get(SNAPSHOT_KEY).catch(() => undefined)) as Snapshot | undefined) ?? emptySnapshot();

  /** One harvest at a time per adapter; concurrent readers share it. Its snapshot is saved either way. */
  function harvestOnce(snapshot: Snapshot, mode?: HarvestMode) {
    // Shared by every reader meanwhile: it belongs to no request (scope.ts), so none ending cancels it.
    inFlight ??= outsideScope(async () => {
      try {
        const outcome = await harvest(snapshot, harvesterDeps, mode);
        await deps.cache.set(SNAPSHOT_KEY, outcome.snapshot, snapshotTtlMs).catch((error: unknown) => {
          deps.logger.warn({ err: String(error) }, 'OAI-PMH snapshot could not be saved');
        });
        return outcome;
      } finally {
        inFlight = null;
      }
    });
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

  return {
    async getCourses(ids) {
      const courses = coursesOf(await current());
      return ids.map((id) => courses.get(id) ?? null);
    },
    listCourses: async (query) => [...coursesOf(await current()).values()].filter((c) => matchesCourseQuery(c, query)),
    getStats: async (query) => computeStats([...coursesOf(await current()).values()], [], [], query),
    async refresh(mode) {
      const outcome = await harvestOnce(await load(), mode);
      if (outcome.error) throw outcome.error;
      return statusOf(outcome.snapshot);
    },
    harvestStatus: async () => statusOf(await load()),
    async healthCheck() {
      await client.identify();
    },
    dispose() {
      client.dispose();
    },
  };
}

/**
 * The OAI-PMH adapter as the factory makes it (capabilities checked, error boundary, input order), plus
 * its harvest controls, whose failures are tagged with the agency and kind like every other call.
 */
export function createOaiPmhAdapter(
  config: OaiPmhConfig,
  deps: AdapterDeps,
  options: OaiPmhAdapterOptions = {},
): OaiPmhAdapter {
  const source = createOaiPmhSource(config, deps, options);
  const tagged = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      throw error instanceof LmsError ? error.withSource(deps.agency, 'oaipmh') : error;
    });
  return {
    ...wrapAdapter({ kind: 'oaipmh', category: 'OER', capabilities: OAIPMH_CAPABILITIES }, source, deps.agency),
    refresh: (mode) => tagged(source.refresh(mode)),
    harvestStatus: () => tagged(source.harvestStatus()),
  };
}
