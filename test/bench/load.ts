import autocannon from 'autocannon';

export interface LoadSettings {
  /** Concurrent connections, each with one request in flight (a closed loop). */
  readonly connections: number;
  /** Seconds of requests thrown away before a target's first round (JIT, connection pools). */
  readonly warmupSeconds: number;
  /** Rounds: every target is measured once per round, in a rotating order. */
  readonly rounds: number;
  /** Seconds measured per target and round. */
  readonly seconds: number;
}

/** Seconds thrown away at the start of every round, so connections idle since the last round are re-opened. */
const ROUND_LEAD_IN_SECONDS = 0.3;

/** The raw outcome of one measured stretch against one target. */
export interface Sample {
  readonly latencies: readonly number[];
  readonly seconds: number;
  readonly failures: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly failures: number;
  readonly seconds: number;
  readonly rps: number;
  /** Milliseconds. */
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** Extra request headers (an Authorization header for the auth row). */
export type Headers = Readonly<Record<string, string>>;
/** Fixed headers, or headers made afresh for every request (a new bearer token each time). */
export type HeaderSource = Headers | (() => Headers);

async function fire(
  url: string,
  body: string,
  connections: number,
  duration: number,
  headers: HeaderSource = {},
): Promise<Sample> {
  const latencies: number[] = [];
  const perRequest = typeof headers === 'function' ? headers : undefined;
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(perRequest ? {} : (headers as Headers)) },
    body,
    ...(perRequest && {
      requests: [
        {
          setupRequest: (request: { headers?: Record<string, string> }) => ({
            ...request,
            headers: { ...request.headers, ...perRequest() },
          }),
        },
      ],
    }),
    connections,
    duration,
    timeout: 30,
  });
  instance.on('response', (_client, _status, _bytes, responseTime) => {
    latencies.push(responseTime);
  });
  const started = process.hrtime.bigint();
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies, seconds, failures: result.errors + result.timeouts + result.non2xx };
}

/** Posts the same GraphQL body for `warmupSeconds`, measuring nothing. */
export async function warmUp(
  url: string,
  body: string,
  settings: LoadSettings,
  headers: HeaderSource = {},
): Promise<void> {
  await fire(url, body, settings.connections, settings.warmupSeconds, headers);
}

/** The start of a round, thrown away: connections idle since the last round are re-opened. */
export async function leadIn(
  url: string,
  body: string,
  settings: LoadSettings,
  headers: HeaderSource = {},
): Promise<void> {
  await fire(url, body, settings.connections, ROUND_LEAD_IN_SECONDS, headers);
}

/** One measured stretch of `seconds`. */
export function measureStretch(
  url: string,
  body: string,
  settings: LoadSettings,
  headers: HeaderSource = {},
): Promise<Sample> {
  return fire(url, body, settings.connections, settings.seconds, headers);
}

/**
 * Latency percentiles over every measured response time (autocannon's own summary has no p95);
 * throughput is measured requests over measured wall time.
 */
export function summarise(samples: readonly Sample[]): LoadResult {
  const sorted = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((sum, s) => sum + s.seconds, 0);
  return {
    requests: sorted.length,
    failures: samples.reduce((sum, s) => sum + s.failures, 0),
    seconds,
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, x) => sum + x, 0) / Math.max(1, sorted.length),
  };
}

/**
 * Measures targets side by side: each is warmed up, then every round measures each target once
 * (`once`), the order rotating from round to round, so that a noisy neighbour or a drift in machine load
 * hits every target alike instead of whichever happened to run at that moment. Results per target, in
 * round order.
 */
export async function interleave<T extends { readonly url: string; readonly headers?: HeaderSource }, R>(
  targets: readonly T[],
  body: string,
  settings: LoadSettings,
  once: (target: T) => Promise<R>,
): Promise<R[][]> {
  for (const target of targets) await warmUp(target.url, body, settings, target.headers);
  const results: R[][] = targets.map(() => []);
  for (let round = 0; round < settings.rounds; round++) {
    for (let k = 0; k < targets.length; k++) {
      const index = (round + k) % targets.length;
      results[index]!.push(await once(targets[index]!));
    }
  }
  return results;
}
