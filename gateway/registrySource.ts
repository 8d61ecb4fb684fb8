import type { Logger } from 'pino';
import { parseLmsKind } from '../schema/lmsKind.js';
import type { AgencyDirectory, AgencyEndpoint } from './directory.js';

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
}

const ACTIVE_QUERY =
  'query GatewayDirectory { activeAgencyDirectory { code name lmsKind registration { subgraphUrl } } }';

interface Row {
  readonly code?: unknown;
  readonly name?: unknown;
  readonly lmsKind?: unknown;
  readonly registration?: { readonly subgraphUrl?: unknown } | null;
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
  /** When the directory last changed (ms since epoch), for tests and metrics. */
  lastChangeAt = 0;

  constructor(
    private readonly directory: AgencyDirectory,
    private readonly options: RegistrySourceOptions,
  ) {}

  /** Reads the registry once; resolves false (and keeps the directory) when it cannot. */
  async refresh(): Promise<boolean> {
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
        body: JSON.stringify({ query: ACTIVE_QUERY }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000),
      });
      const body = (await response.json()) as {
        data?: { activeAgencyDirectory?: Row[] };
        errors?: { message: string }[];
      };
      const rows = body.data?.activeAgencyDirectory;
      if (!Array.isArray(rows) || body.errors?.length) {
        throw new Error(body.errors?.[0]?.message ?? `registry answered HTTP ${response.status} without agencies`);
      }
      const endpoints = rows.map(toEndpoint).filter((e): e is AgencyEndpoint => e !== null);
      this.#apply(endpoints);
      if (this.#failing) this.options.logger?.info('registry reachable again; directory follows it');
      this.#failing = false;
      return true;
    } catch (error) {
      if (!this.#failing) {
        this.options.logger?.warn({ err: String(error) }, 'registry unreachable; keeping the last good directory');
      }
      this.#failing = true;
      return false;
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
