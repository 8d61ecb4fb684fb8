import { randomUUID } from 'node:crypto';
import type { AdapterDeps, AdapterImplementation, LmsAdapter, LmsCapability } from '../core/adapter.js';
import { LmsError } from '../core/errors.js';
import { wrapAdapter } from '../core/factory.js';
import { computeStats, matchesCourseQuery } from '../core/query.js';
import type { CourseRecord } from '../core/records.js';
import { outsideScope } from '../core/scope.js';
import { createPlatformClient, type PlatformClient } from './client.js';
import type { PlatformConfig } from './config.js';
import { type MapContext, mapElement } from './mapper.js';
import { pagerFor } from './pagers.js';
import { walkCatalogue } from './walk.js';

/**
 * A public catalogue holds courses and nothing personal; its statistics are its course counts (no
 * learner of an agency learns there through this source).
 */
export const PLATFORM_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>(['courses', 'stats']);
const SNAPSHOT_KEY = 'platform:catalogue';

/** The last complete walk, JSON-safe (it may live in Redis); courses are mapped from it on read. */
interface CatalogueSnapshot {
  readonly version: 1;
  readonly revision: string;
  readonly walkedAt: number;
  readonly elements: ReadonlyArray<{ readonly id: string; readonly element: unknown }>;
  readonly linked: Readonly<Record<string, string>>;
  readonly pages: number;
  readonly restarts: number;
  readonly keyless: number;
}

/** What the catalogue looks like now: for operators and tests. */
export interface CatalogueStatus {
  readonly courses: number;
  /** Elements that could not be read as courses, by key, with why. */
  readonly skipped: Readonly<Record<string, string>>;
  /** Elements without a key (skipped). */
  readonly keyless: number;
  readonly walkedAt: Date | null;
  readonly pages: number;
  /** Times the last walk started again because the catalogue changed under it. */
  readonly restarts: number;
  readonly lastError: { readonly code: string; readonly message: string } | null;
}

export interface CatalogueControl {
  /** Walks the catalogue now; rejects with the walk's error (the last good snapshot stays). */
  refresh(): Promise<CatalogueStatus>;
  catalogueStatus(): Promise<CatalogueStatus>;
}

export interface PlatformSource extends AdapterImplementation, CatalogueControl {}
export type PlatformAdapter = LmsAdapter & CatalogueControl;

export interface PlatformAdapterOptions {
  /** Injected clock (epoch ms) for freshness. @default Date.now */
  readonly now?: () => number;
  /** First retry backoff step, in ms (tests shorten it). */
  readonly backoffBaseMs?: number;
  readonly client?: PlatformClient;
}

/**
 * An external course platform's public catalogue (Coursera, edX or LinkedIn Learning style) as a course
 * source. The whole catalogue is walked page by page into a snapshot in the adapter's cache; reads are
 * served from it, and a snapshot older than `cacheTtlMs` is walked again before answering. A walk that
 * fails (the platform down, a page unreadable, the catalogue changing under the walk) leaves the last
 * complete snapshot in service for `staleIfErrorMs` more.
 */
export function createPlatformSource(
  config: PlatformConfig,
  deps: AdapterDeps,
  options: PlatformAdapterOptions = {},
): PlatformSource {
  const now = options.now ?? Date.now;
  const client =
    options.client ??
    createPlatformClient(config, {
      agency: deps.agency,
      ...(options.backoffBaseMs !== undefined ? { backoffBaseMs: options.backoffBaseMs } : {}),
    });
  const pager = pagerFor(config, client);
  const limits = { maxAttempts: config.maxWalkAttempts, maxPages: config.maxPages };
  const storedTtlMs = 2 * Math.max(config.cacheTtlMs, config.staleIfErrorMs, 1);
  let inFlight: Promise<CatalogueSnapshot> | null = null;
  let lastError: LmsError | null = null;
  let memo: { revision: string; courses: Map<string, CourseRecord>; skipped: Record<string, string> } | null = null;

  const load = async () => (await deps.cache.get(SNAPSHOT_KEY).catch(() => undefined)) as CatalogueSnapshot | undefined;

  /** One walk at a time per adapter; concurrent readers share it. */
  function walkOnce(): Promise<CatalogueSnapshot> {
    // Shared by every reader meanwhile: it belongs to no request (scope.ts), so none ending cancels it.
    inFlight ??= outsideScope(async () => {
      try {
        const walked = await walkCatalogue(pager, limits, deps.logger);
        const snapshot: CatalogueSnapshot = { version: 1, revision: randomUUID(), walkedAt: now(), ...walked };
        await deps.cache.set(SNAPSHOT_KEY, snapshot, storedTtlMs).catch((error: unknown) => {
          deps.logger.warn({ err: String(error) }, 'catalogue snapshot could not be saved');
        });
        lastError = null;
        return snapshot;
      } catch (error) {
        lastError =
          error instanceof LmsError
            ? error
            : new LmsError('LMS_BAD_RESPONSE', 'The platform answered with data the adapter could not read.', {
                cause: error,
              });
        throw lastError;
      } finally {
        inFlight = null;
      }
    });
    return inFlight;
  }

  async function current(): Promise<CatalogueSnapshot> {
    const snapshot = await load();
    const age = snapshot ? now() - snapshot.walkedAt : Number.POSITIVE_INFINITY;
    if (snapshot && age < config.cacheTtlMs) return snapshot;
    try {
      return await walkOnce();
    } catch (error) {
      if (snapshot && age < config.cacheTtlMs + config.staleIfErrorMs) {
        deps.logger.warn({ code: (error as LmsError).code }, 'serving the last catalogue walk after a failed one');
        return snapshot;
      }
      throw error;
    }
  }

  function mapped(snapshot: CatalogueSnapshot) {
    if (memo?.revision === snapshot.revision) return memo;
    const context: MapContext = {
      api: config.api,
      baseUrl: config.baseUrl,
      costModel: config.costModel,
      language: config.api === 'edx' ? (config.language ?? null) : null,
      partners: snapshot.linked,
    };
    const courses = new Map<string, CourseRecord>();
    const skipped: Record<string, string> = {};
    for (const { id, element } of snapshot.elements) {
      const result = mapElement(element, context);
      if ('course' in result) courses.set(result.course.localId, result.course);
      else skipped[id] = result.skipped;
    }
    if (Object.keys(skipped).length > 0) {
      deps.logger.warn({ skipped }, 'catalogue elements skipped: they cannot be read as courses');
    }
    memo = { revision: snapshot.revision, courses, skipped };
    return memo;
  }

  const statusOf = (snapshot: CatalogueSnapshot | undefined): CatalogueStatus => ({
    courses: snapshot ? mapped(snapshot).courses.size : 0,
    skipped: snapshot ? mapped(snapshot).skipped : {},
    keyless: snapshot?.keyless ?? 0,
    walkedAt: snapshot ? new Date(snapshot.walkedAt) : null,
    pages: snapshot?.pages ?? 0,
    restarts: snapshot?.restarts ?? 0,
    lastError: lastError ? { code: lastError.code, message: lastError.message } : null,
  });

  const listAll = async () => [...mapped(await current()).courses.values()];

  return {
    async getCourses(ids) {
      const { courses } = mapped(await current());
      return ids.map((id) => courses.get(id) ?? null);
    },
    listCourses: async (query) => (await listAll()).filter((course) => matchesCourseQuery(course, query)),
    getStats: async (query) => computeStats(await listAll(), [], [], query),
    refresh: async () => statusOf(await walkOnce()),
    catalogueStatus: async () => statusOf(await load()),
    async healthCheck() {
      await pager.fetch(0);
    },
    dispose() {
      client.dispose();
    },
  };
}

/** The platform adapter as the factory makes it, plus its catalogue controls (tagged like every call). */
export function createPlatformAdapter(
  config: PlatformConfig,
  deps: AdapterDeps,
  options: PlatformAdapterOptions = {},
): PlatformAdapter {
  const source = createPlatformSource(config, deps, options);
  const tagged = <T>(work: Promise<T>) =>
    work.catch((error: unknown) => {
      throw error instanceof LmsError ? error.withSource(deps.agency, 'platform') : error;
    });
  return {
    ...wrapAdapter(
      { kind: 'platform', category: 'EXTERNAL', capabilities: PLATFORM_CAPABILITIES },
      source,
      deps.agency,
    ),
    refresh: () => tagged(source.refresh()),
    catalogueStatus: () => tagged(source.catalogueStatus()),
  };
}
