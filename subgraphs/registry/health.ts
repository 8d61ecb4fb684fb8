import type { Logger } from 'pino';
import type { DestinationPolicy } from './gate/destination.js';
import { postGraphQL } from './gate/fetch.js';
import { HealthStatus } from './model.js';
import type { RegistrationRecord } from './store/registryStore.js';

export interface HealthSnapshot {
  readonly status: HealthStatus;
  readonly lastError: string | null;
  readonly latencyMs: number | null;
  readonly checkedAt: Date | null;
}

export interface HealthOptions {
  /** @default 10000 */
  readonly intervalMs: number;
  /** A check slower than this is DEGRADED. @default 1000 */
  readonly degradedAfterMs: number;
  /** @default 5000 */
  readonly timeoutMs: number;
  readonly logger?: Logger;
  /** Which addresses may be called. @default public addresses only */
  readonly destinations?: DestinationPolicy;
}

/**
 * Health is shown to anyone (`registeredAgencies.health`): the reason says what went wrong, never where —
 * no subgraph URL, host or upstream message (those go to the registry's own log).
 */
export const publicReason = (reason: string): string => reason.replace(/ at \S+/g, '');

const UNKNOWN: HealthSnapshot = { status: HealthStatus.UNKNOWN, lastError: null, latencyMs: null, checkedAt: null };
const PROBE = '{ agencies { code } }';

/**
 * Checks every ACTIVE agency's subgraph periodically (one small query; latency and last error kept in
 * memory, because health is recomputed after a restart anyway). UP: answered in time; DEGRADED: slow or
 * with GraphQL errors; DOWN: unreachable, HTTP error or timeout.
 */
export class HealthMonitor {
  readonly #snapshots = new Map<string, HealthSnapshot>();
  #timer: NodeJS.Timeout | undefined;
  #phase: 'idle' | 'running' | 'stopped' = 'idle';

  constructor(
    private readonly list: () => Promise<readonly RegistrationRecord[]>,
    private readonly options: HealthOptions,
  ) {}

  get(code: string): HealthSnapshot {
    return this.#snapshots.get(code) ?? UNKNOWN;
  }

  async check(record: RegistrationRecord): Promise<HealthSnapshot> {
    if (record.status !== 'ACTIVE') {
      this.#snapshots.delete(record.code);
      return UNKNOWN;
    }
    const started = performance.now();
    const answer = await postGraphQL(
      record.subgraphUrl,
      PROBE,
      undefined,
      this.options.timeoutMs,
      this.options.destinations,
    );
    const latencyMs = Math.round(performance.now() - started);
    const checkedAt = new Date();
    let snapshot: HealthSnapshot;
    if (!answer.ok) {
      snapshot = { status: HealthStatus.DOWN, lastError: publicReason(answer.reason), latencyMs, checkedAt };
      this.options.logger?.debug({ code: record.code, reason: answer.reason }, 'agency health check failed');
    } else if (answer.body.errors?.length) {
      const message = String(answer.body.errors[0]?.message ?? 'error').slice(0, 200);
      this.options.logger?.debug({ code: record.code, message }, 'agency health check answered an error');
      snapshot = {
        status: HealthStatus.DEGRADED,
        lastError: 'answered with a GraphQL error',
        latencyMs,
        checkedAt,
      };
    } else if (latencyMs > this.options.degradedAfterMs) {
      snapshot = { status: HealthStatus.DEGRADED, lastError: `slow: ${latencyMs} ms`, latencyMs, checkedAt };
    } else snapshot = { status: HealthStatus.UP, lastError: null, latencyMs, checkedAt };
    const previous = this.#snapshots.get(record.code);
    if (previous?.status !== snapshot.status) {
      this.options.logger?.info(
        { code: record.code, status: snapshot.status, lastError: snapshot.lastError },
        'agency health',
      );
    }
    this.#snapshots.set(record.code, snapshot);
    return snapshot;
  }

  forget(code: string): void {
    this.#snapshots.delete(code);
  }

  async checkAll(): Promise<void> {
    const records = await this.list().catch(() => []);
    await Promise.all(records.map((r) => this.check(r)));
  }

  start(): void {
    if (this.#phase !== 'idle') return;
    this.#phase = 'running';
    const tick = () => {
      void this.checkAll().finally(() => {
        if (this.#phase !== 'running') return;
        this.#timer = setTimeout(tick, this.options.intervalMs);
        this.#timer.unref();
      });
    };
    tick();
  }

  stop(): void {
    this.#phase = 'stopped';
    clearTimeout(this.#timer);
  }
}
