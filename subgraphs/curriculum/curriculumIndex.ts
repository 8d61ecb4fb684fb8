import type { Logger } from 'pino';
import type { AgencyEndpoint } from '../../gateway/directory.js';
import { type SimilarityCourse, SimilarityIndex, type SimilarityOptions } from '../insights/similarity/index.js';
import {
  type AgencyCatalogue,
  CatalogueReadError,
  probeAgencyCatalogue,
  type ReadOptions,
  readAgencyCatalogue,
} from './catalogueReader.js';

/** What the curriculum knows of one agency's catalogue. */
export interface AgencyIndexState {
  readonly code: string;
  /** Courses of this agency in the index. */
  readonly courseCount: number;
  /** Fingerprint of the catalogue last indexed (catalogueReader.ts); null before the first good read. */
  readonly fingerprint: string | null;
  /** When its catalogue was last read whole (changed or not); null before. */
  readonly readAt: Date | null;
  /** When its courses last changed in the index. */
  readonly indexedAt: Date | null;
  /** How many times its courses were (re-)indexed since start. */
  readonly reindexCount: number;
  /** Why the last read failed; null when it succeeded. The last indexed courses stay meanwhile. */
  readonly lastError: string | null;
}

/** One refresh: which agencies were re-indexed, which were unchanged, which failed or left the directory. */
export interface RefreshReport {
  readonly reindexed: readonly string[];
  readonly unchanged: readonly string[];
  /** Of the unchanged, those whose catalogue was not even read: their probe had not changed. */
  readonly probedOnly: readonly string[];
  readonly failed: readonly { readonly agency: string; readonly message: string }[];
  /** Agencies no longer in the directory: their courses left the index. */
  readonly dropped: readonly string[];
  readonly upserted: number;
  readonly removed: number;
  readonly durationMs: number;
}

export type CatalogueReader = (agency: AgencyEndpoint) => Promise<AgencyCatalogue>;
/** A cheap sign of change of one agency's catalogue (catalogueReader.ts `probeAgencyCatalogue`); null: read it. */
export type CatalogueProbe = (agency: AgencyEndpoint) => Promise<string | null>;

export interface CurriculumIndexOptions {
  readonly similarity?: SimilarityOptions;
  readonly read?: ReadOptions;
  /** Reads one agency's catalogue. @default its subgraph's public pages (readAgencyCatalogue) */
  readonly reader?: CatalogueReader;
  /**
   * Asked before reading an agency: an unchanged probe skips the read. @default the subgraph probe with the
   * default reader, none with a custom reader
   */
  readonly probe?: CatalogueProbe;
  /** However its probe looks, each catalogue is read whole at least this often, in ms. @default 3600000 */
  readonly fullReadEveryMs?: number;
  /** How many agencies are read at once. @default 8 */
  readonly concurrency?: number;
  readonly logger?: Logger;
  readonly now?: () => Date;
}

interface MutableState {
  courseIds: Set<string>;
  fingerprint: string | null;
  readAt: Date | null;
  indexedAt: Date | null;
  probe: string | null;
  reindexCount: number;
  lastError: string | null;
}

/** A catalogue read (with the probe taken before it), a failure, or a probe as at the last read. */
type ReadOutcome = (AgencyCatalogue & { readonly probe: string | null }) | Error | 'unchanged';

const courseKey = (c: SimilarityCourse) => JSON.stringify([c.title, c.summary, c.language, c.sdgs, c.sourceKind]);

/**
 * The catalogue-wide similarity index of the curriculum subgraph, kept equal to the agencies' public
 * catalogues by `refresh`: every agency in the directory is read, and only those whose catalogue
 * fingerprint changed are re-indexed — and of those, only the courses that were added, changed or
 * removed (SimilarityIndex updates cost O(neighbours) each). An agency that cannot be read keeps its last
 * indexed courses; one that left the directory leaves the index.
 */
export class CurriculumIndex {
  readonly similarity: SimilarityIndex;
  readonly #states = new Map<string, MutableState>();
  readonly #contents = new Map<string, string>();
  readonly #reader: CatalogueReader;
  readonly #probe: CatalogueProbe | undefined;
  readonly #now: () => Date;
  #asOf: Date | null = null;
  #running: Promise<RefreshReport> | null = null;
  #refreshes = 0;

  constructor(private readonly options: CurriculumIndexOptions = {}) {
    this.similarity = new SimilarityIndex(options.similarity);
    this.#reader = options.reader ?? ((agency) => readAgencyCatalogue(agency.code, agency.url, options.read));
    this.#probe =
      options.probe ?? (options.reader ? undefined : (agency) => probeAgencyCatalogue(agency.url, options.read));
    this.#now = options.now ?? (() => new Date());
  }

  /** When the last refresh finished; null before the first. */
  get asOf(): Date | null {
    return this.#asOf;
  }

  /** A refresh is under way (a call now would share it, with the endpoints it started with). */
  get refreshing(): boolean {
    return this.#running !== null;
  }

  get refreshes(): number {
    return this.#refreshes;
  }

  agencies(): AgencyIndexState[] {
    return [...this.#states]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, s]) => ({
        code,
        courseCount: s.courseIds.size,
        fingerprint: s.fingerprint,
        readAt: s.readAt,
        indexedAt: s.indexedAt,
        reindexCount: s.reindexCount,
        lastError: s.lastError,
      }));
  }

  /** Reads the directory's agencies and applies what changed; concurrent calls share one refresh. */
  refresh(endpoints: readonly AgencyEndpoint[]): Promise<RefreshReport> {
    this.#running ??= this.#refresh(endpoints).finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #refresh(endpoints: readonly AgencyEndpoint[]): Promise<RefreshReport> {
    const started = performance.now();
    const reads = await this.#readAll(endpoints);
    const upserts: SimilarityCourse[] = [];
    const removals: string[] = [];
    const report = {
      reindexed: [] as string[],
      unchanged: [] as string[],
      probedOnly: [] as string[],
      failed: [] as RefreshReport['failed'][number][],
    };
    const now = this.#now();
    for (const [agency, outcome] of reads) {
      const state = this.#stateOf(agency);
      if (outcome === 'unchanged') {
        report.unchanged.push(agency);
        report.probedOnly.push(agency);
        continue;
      }
      if (outcome instanceof Error) {
        state.lastError = outcome.message;
        report.failed.push({ agency, message: outcome.message });
        this.options.logger?.warn(
          { agency, err: outcome.message },
          'catalogue unreadable; its last indexed courses stay',
        );
        continue;
      }
      state.lastError = null;
      state.readAt = now;
      state.probe = outcome.probe;
      if (outcome.fingerprint === state.fingerprint) {
        report.unchanged.push(agency);
        continue;
      }
      const seen = new Set<string>();
      for (const course of outcome.courses) {
        seen.add(course.id);
        const key = courseKey(course);
        if (this.#contents.get(course.id) === key) continue;
        this.#contents.set(course.id, key);
        upserts.push(course);
      }
      for (const id of state.courseIds) if (!seen.has(id)) removals.push(id);
      state.courseIds = seen;
      state.fingerprint = outcome.fingerprint;
      state.indexedAt = now;
      state.reindexCount += 1;
      report.reindexed.push(agency);
    }
    const active = new Set(endpoints.map((e) => e.code));
    const dropped = [...this.#states.keys()].filter((code) => !active.has(code));
    for (const code of dropped) {
      removals.push(...(this.#states.get(code)?.courseIds ?? []));
      this.#states.delete(code);
    }
    for (const id of removals) this.#contents.delete(id);
    if (removals.length > 0) this.similarity.remove(removals);
    if (upserts.length > 0) this.similarity.upsert(upserts);
    this.#asOf = now;
    this.#refreshes += 1;
    const result: RefreshReport = {
      ...report,
      dropped,
      upserted: upserts.length,
      removed: removals.length,
      durationMs: Math.round(performance.now() - started),
    };
    if (result.reindexed.length > 0 || dropped.length > 0) {
      this.options.logger?.info(
        {
          reindexed: result.reindexed,
          dropped,
          upserted: result.upserted,
          removed: result.removed,
          ms: result.durationMs,
        },
        'curriculum index refreshed',
      );
    }
    return result;
  }

  #stateOf(agency: string): MutableState {
    let state = this.#states.get(agency);
    if (!state) {
      state = {
        courseIds: new Set(),
        fingerprint: null,
        readAt: null,
        indexedAt: null,
        probe: null,
        reindexCount: 0,
        lastError: null,
      };
      this.#states.set(agency, state);
    }
    return state;
  }

  /**
   * Every agency read, `concurrency` at a time — or only probed, when its probe is as at the last read
   * and that read is recent enough; a failure is a value, never a rejected refresh.
   */
  async #readAll(endpoints: readonly AgencyEndpoint[]): Promise<Map<string, ReadOutcome>> {
    const results = new Map<string, ReadOutcome>();
    const queue = [...endpoints];
    const fullReadEveryMs = this.options.fullReadEveryMs ?? 3_600_000;
    const readOne = async (agency: AgencyEndpoint): Promise<ReadOutcome> => {
      const state = this.#states.get(agency.code);
      const probe = this.#probe ? await this.#probe(agency).catch(() => null) : null;
      const fresh = state?.readAt && this.#now().getTime() - state.readAt.getTime() < fullReadEveryMs;
      if (probe !== null && state?.lastError === null && fresh && probe === state.probe) return 'unchanged';
      return { ...(await this.#reader(agency)), probe };
    };
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const agency = next;
        results.set(
          agency.code,
          await readOne(agency).catch((error: unknown) =>
            error instanceof CatalogueReadError ? error : new Error(`agency ${agency.code}: ${String(error)}`),
          ),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.options.concurrency ?? 8) }, worker));
    // Directory order, so reports read the same every time.
    return new Map(endpoints.filter((e) => results.has(e.code)).map((e) => [e.code, results.get(e.code)!]));
  }
}
