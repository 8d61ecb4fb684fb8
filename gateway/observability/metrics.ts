import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached answer (5 ms) to the longest agency timeout (10 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * The gateway's Prometheus metrics (issue 12), on its own registry (several gateways may share a process in
 * tests). Labels hold operation names, agency codes, error codes and outcomes only: never a person, a
 * token, a variable or an address.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'convergence_requests_total',
    help: 'GraphQL requests by operation name and outcome (ok, error: some errors, refused: 4xx before execution).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly requestSeconds = new Histogram({
    name: 'convergence_request_duration_seconds',
    help: 'GraphQL request latency by operation name.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly agencySeconds = new Histogram({
    name: 'convergence_agency_fetch_duration_seconds',
    help: 'Latency of calls to one agency subgraph (answered or failed).',
    labelNames: ['agency'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly agencyErrors = new Counter({
    name: 'convergence_agency_fetch_errors_total',
    help: 'Failed calls to one agency by code (AGENCY_TIMEOUT counts timeouts; AGENCY_CIRCUIT_OPEN calls refused by the breaker).',
    labelNames: ['agency', 'code'] as const,
    registers: [this.registry],
  });
  readonly breakerState = new Gauge({
    name: 'convergence_agency_breaker_state',
    help: 'Circuit breaker per agency: 0 closed, 1 open, 2 half-open, 3 isolated (the registry reports it down).',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });
  readonly cache = new Counter({
    name: 'convergence_answer_cache_total',
    help: 'Shared answer cache lookups by result (hit, miss); the hit ratio is hit / (hit + miss).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  readonly collapsed = new Counter({
    name: 'convergence_agency_fetch_collapsed_total',
    help: 'Agency calls answered by an identical call already in flight (no upstream request).',
    labelNames: ['agency'] as const,
    registers: [this.registry],
  });

  readonly #redis = new Map<string, () => boolean>();

  constructor(directorySize: () => number) {
    const redis = this.#redis;
    new Gauge({
      name: 'convergence_redis_ready',
      help: 'Whether the Redis of each shared use (answer_cache, rate_limit) is connected: 1 yes, 0 no (the cache misses and each gateway limits alone meanwhile).',
      labelNames: ['use'] as const,
      registers: [this.registry],
      collect() {
        for (const [use, ready] of redis) this.set({ use }, ready() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'convergence_directory_agencies',
      help: 'Active agencies in the directory.',
      registers: [this.registry],
      collect() {
        this.set(directorySize());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'convergence_' });
  }

  /** Reports whether one use of Redis is connected (`convergence_redis_ready`); nothing when it has none. */
  watchRedis(use: 'answer_cache' | 'rate_limit', ready: (() => boolean) | undefined): void {
    if (ready) this.#redis.set(use, ready);
  }
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_NAMES = 200;

/**
 * Operation names come from clients: kept as a label only when well formed, and only the first 200
 * distinct ones (then `other`), so a client cannot blow up the series count.
 */
export class OperationLabels {
  readonly #seen = new Set<string>();

  label(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.#seen.has(name)) return name;
    if (this.#seen.size >= MAX_OPERATION_NAMES) return 'other';
    this.#seen.add(name);
    return name;
  }
}
