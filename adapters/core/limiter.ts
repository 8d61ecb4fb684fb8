import { CallCancelled, overloaded } from './admission.js';

/**
 * Serialises calls and spaces their starts at least `minIntervalMs` apart, measured from the end of the
 * previous call. For upstream services that forbid parallel calls and allow one call per interval
 * (SuccessFactors search services: one per 500 ms; Cornerstone catalogue search: serial). At most
 * `maxQueued` calls wait (more fail at once with LMS_OVERLOADED); a waiting call whose signal aborts
 * fails at once and is skipped when its turn comes, never sent.
 */
export interface SerialLimiter {
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export function createSerialLimiter(
  minIntervalMs: number,
  now: () => number = Date.now,
  maxQueued = 256,
): SerialLimiter {
  let tail: Promise<unknown> = Promise.resolve();
  let lastEnd = Number.NEGATIVE_INFINITY;
  let waiting = 0;
  return {
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(new CallCancelled());
      if (waiting >= maxQueued) return Promise.reject(overloaded('queue'));
      waiting++;
      const turn = tail.then(async () => {
        waiting--;
        if (signal?.aborted) return { skipped: true as const };
        const wait = lastEnd + minIntervalMs - now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (signal?.aborted) return { skipped: true as const };
        try {
          return { skipped: false as const, value: await task() };
        } finally {
          lastEnd = now();
        }
      });
      tail = turn.catch(() => undefined);
      const result = turn.then((outcome) => {
        if (outcome.skipped) throw new CallCancelled();
        return outcome.value;
      });
      if (!signal) return result;
      // The caller hears of its abort at once; the chain skips the call when its turn comes.
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => reject(new CallCancelled());
        signal.addEventListener('abort', onAbort, { once: true });
        result.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}
