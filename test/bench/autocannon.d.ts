// autocannon 9 ships no types and @types/autocannon is not a dependency: the part of its programmatic
// API that the bench uses (lib/run.js, lib/init.js).
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST';
      headers?: Record<string, string>;
      body?: string;
      /** Concurrent keep-alive connections, one request in flight on each. */
      connections?: number;
      /** Stop after this many requests (overrides `duration`). */
      amount?: number;
      /** Seconds. */
      duration?: number;
      /** Per-request timeout, seconds. */
      timeout?: number;
      /** Requests sent in turn; `setupRequest` rebuilds one before each send (new headers each time). */
      requests?: readonly {
        setupRequest?: (request: { headers?: Record<string, string> }) => { headers?: Record<string, string> };
      }[];
    }
    interface Stats {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total: number;
      p50: number;
      p90: number;
      p99: number;
    }
    interface Result {
      requests: Stats & { sent: number };
      latency: Stats;
      throughput: Stats;
      errors: number;
      timeouts: number;
      non2xx: number;
      /** Seconds. */
      duration: number;
    }
    interface Instance extends PromiseLike<Result> {
      /** `responseTime` in milliseconds (fractional, from `process.hrtime`). */
      on(
        event: 'response',
        listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
      ): Instance;
      stop(): void;
    }
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
