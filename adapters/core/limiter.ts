/**
 * Serialises calls and spaces their starts at least `minIntervalMs` apart, measured from the end of the
 * previous call. For upstream services that forbid parallel calls and allow one call per interval
 * (SuccessFactors search services: one per 500 ms; Cornerstone catalogue search: serial).
 */
export interface SerialLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialLimiter(minIntervalMs: number, now: () => number = Date.now): SerialLimiter {
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd = Number.NEGATIVE_INFINITY;
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(async () => {
        const wait = lastEnd + minIntervalMs - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        try {
          return await task();
        } finally {
          lastEnd = now();
        }
      });
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
