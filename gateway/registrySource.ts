import type { Logger } from 'pino';
import { DIRECTORY_POLL_OPERATION } from '../schema/directoryPolls.js';
import { parseLmsKind } from '../schema/lmsKind.js';
import type { AgencyDirectory, AgencyEndpoint } from './directory.js';
import { idListsQuery } from './idLists.js';

export interface RegistrySourceOptions {
  /** The registry subgraph's GraphQL URL. */
  readonly url: string;
  /** The registry's directory (read-only) or admin token: subgraph URLs are not public registry data. */
  readonly token: string;
  /** @default 2000 */
  readonly pollIntervalMs?: number;
  /** @default 5000 */
  readonly timeoutMs?: number;
  readonly logger?: Logger;
  /** The registry's health of each active agency (down or not), after every read: feeds the breakers. */
  readonly onHealth?: ((agency: string, down: boolean) => void) | undefined;
}

const ACTIVE_QUERY = `query ${DIRECTORY_POLL_OPERATION} { activeAgencyDirectory { code name lmsKind registration { subgraphUrl } health { status } } }`;

interface Row {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly lmsKind?: unknown;
  readonly registration?: { readonly subgraphUrl?: unknown } | null;
  readonly health?: { readonly status?: unknown } | null;
}

function toEndpoint(row: Row): AgencyEndpoint | null {
  const url = row.registration?.subgraphUrl;
  if (typeof row.code !== 'string' || typeof row.name !== 'string' || typeof url !== 'string') return null;
  // The registry answers the GraphQL enum name (MOODLE); the directory holds the kind (moodle).
  const lmsKind = parseLmsKind(row.lmsKind);
  if (!lmsKind) return null;
  return { code: row.code, name: row.name, lmsKind, url };
}

/**
 * Keeps the gateway's agency directory equal to the registry's ACTIVE agencies (DESIGN.md §2.3), by
 * polling every `pollIntervalMs`: a newly registered agency gets traffic, a suspended or removed one stops
 * getting it, without a restart or a recomposition. When the registry cannot be read, the last good
 * directory stays in force: a registry outage must not take agencies offline.
 */
export class RegistryDirectorySource {
  #timer: NodeJS.Timeout | undefined;
  #phase: 'idle' | 'polling' | 'stopped' = 'idle';
  #failing = false;
  #listsFailing = false;
  /** When the directory last changed (ms since epoch), for tests and metrics. */
  lastChangeAt = 0;

  constructor(
    private readonly directory: AgencyDirectory,
    private readonly options: RegistrySourceOptions,
  ) {}

  async #post(
    query: string,
  ): Promise<{ status: number; body: { data?: Record<string, unknown>; errors?: { message: string }[] } }> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  /**
   * Reads the public id lists (REGISTRY_ID_LISTS) in their own request, so that a registry without them
   * (or failing to answer them) never costs the directory. Kept as they were when they cannot be read.
   */
  async #refreshIdLists(): Promise<void> {
    const { query, keys } = idListsQuery();
    try {
      const { status, body } = await this.#post(query);
      const lists = new Map<string, readonly string[]>();
      for (const [alias, key] of keys) {
        const ids = body.data?.[alias];
        if (!Array.isArray(ids) || body.errors?.length) {
          throw new Error(body.errors?.[0]?.message ?? `registry answered HTTP ${status} without ${alias}`);
        }
        lists.set(
          key,
          ids.filter((id): id is string => typeof id === 'string'),
        );
      }
      this.directory.idLists.replace(lists);
      this.#listsFailing = false;
    } catch (error) {
      if (!this.#listsFailing) {
        this.options.logger?.warn({ err: String(error) }, 'registry id lists unreadable; keeping the last good ones');
      }
      this.#listsFailing = true;
    }
  }

  /** Reads the registry once; resolves false (and keeps the directory) when it cannot. */
  async refresh(): Promise<boolean> {
    const lists = this.#refreshIdLists();
    try {
      const { status, body } = await this.#post(ACTIVE_QUERY);
      const rows = body.data?.activeAgencyDirectory as Row[] | undefined;
      if (!Array.isArray(rows) || body.errors?.length) {
        throw new Error(body.errors?.[0]?.message ?? `registry answered HTTP ${status} without agencies`);
      }
      const endpoints = rows.map(toEndpoint).filter((e): e is AgencyEndpoint => e !== null);
      this.#apply(endpoints);
      for (const row of rows) {
        if (typeof row.code === 'string') this.options.onHealth?.(row.code, row.health?.status === 'DOWN');
      }
      if (this.#failing) this.options.logger?.info('registry reachable again; directory follows it');
      this.#failing = false;
      return true;
    } catch (error) {
      if (!this.#failing) {
        this.options.logger?.warn({ err: String(error) }, 'registry unreachable; keeping the last good directory');
      }
      this.#failing = true;
      return false;
    } finally {
      await lists;
    }
  }

  #apply(endpoints: readonly AgencyEndpoint[]): void {
    const key = (list: readonly AgencyEndpoint[]) =>
      JSON.stringify(
        [...list].sort((a, b) => (a.code < b.code ? -1 : 1)).map((e) => [e.code, e.name, e.lmsKind, e.url]),
      );
    if (key(endpoints) === key(this.directory.active())) return;
    this.directory.replace(endpoints);
    this.lastChangeAt = Date.now();
    this.options.logger?.info({ agencies: endpoints.map((e) => e.code) }, 'agency directory updated from the registry');
  }

  /** First read (awaited, so the gateway starts with agencies when it can), then polls until `stop()`. */
  async start(): Promise<void> {
    if (this.#phase !== 'idle') return;
    this.#phase = 'polling';
    await this.refresh();
    const tick = () => {
      if (this.#phase !== 'polling') return;
      this.#timer = setTimeout(() => void this.refresh().finally(tick), this.options.pollIntervalMs ?? 2_000);
      this.#timer.unref();
    };
    tick();
  }

  stop(): void {
    this.#phase = 'stopped';
    clearTimeout(this.#timer);
  }
}
