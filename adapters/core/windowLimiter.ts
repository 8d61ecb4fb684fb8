import { CallCancelled, overloaded } from './admission.js';
import { currentScope } from './scope.js';

/**
 * Client-side limiter for upstreams that allow N requests per fixed window per key (Cornerstone: per URI,
 * per minute = hourly / 60; lms-apis.md §2.3). It keeps a sliding log of starts per key, so that any
 * interval of `windowMs + marginMs` holds at most N starts; the margin absorbs the latency between our
 * clock and the server's window. Until a key's limit is known (learned from response headers), one call at a
 * time probes it; if the probe teaches nothing, `fallbackLimit` applies. Waiters are served in FIFO order.
 */
export interface WindowLimiterOptions {
  readonly windowMs: number;
  /** @default max(100, windowMs / 20) */
  readonly marginMs?: number;
  /** Per-window limit for a key when the upstream never states one. */
  readonly fallbackLimit: (key: string) => number;
  readonly now?: () => number;
  /** @default 256 */
  readonly maxQueued?: number;
}

export interface WindowLimiter {
  run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Sets the per-window limit of a key (from response headers). */
  setLimit(key: string, perWindow: number): void;
  /** No new start for this key before `time` (after a 429, or when the quota is spent). */
  pauseUntil(key: string, time: number): void;
}

/** A queued call: started when the window allows, refused at once when that is after its deadline. */
interface Waiter {
  (): void;
  readonly deadline?: number | undefined;
  readonly refuse?: (error: Error) => void;
}

interface KeyState {
  limit: number | undefined;
  probing: boolean;
  pausedUntil: number;
  starts: number[];
  queue: Array<Waiter>;
  timer: NodeJS.Timeout | undefined;
}

export function createWindowLimiter(options: WindowLimiterOptions): WindowLimiter {
  const now = options.now ?? Date.now;
  const span = options.windowMs + (options.marginMs ?? Math.max(100, options.windowMs / 20));
  const keys = new Map<string, KeyState>();

  const stateOf = (key: string): KeyState => {
    let state = keys.get(key);
    if (!state) {
      state = { limit: undefined, probing: false, pausedUntil: 0, starts: [], queue: [], timer: undefined };
      keys.set(key, state);
    }
    return state;
  };

  const wakeAt = (key: string, state: KeyState, time: number) => {
    // Whoever must be done before the window opens again is told now, not when its time is up.
    for (const waiter of [...state.queue]) {
      if (waiter.deadline !== undefined && waiter.deadline < time) {
        state.queue.splice(state.queue.indexOf(waiter), 1);
        waiter.refuse?.(overloaded('deadline'));
      }
    }
    if (state.timer) clearTimeout(state.timer);
    state.timer = setTimeout(
      () => {
        state.timer = undefined;
        pump(key);
      },
      Math.max(1, time - now()),
    );
  };

  function pump(key: string): void {
    const state = stateOf(key);
    while (state.queue.length > 0) {
      const at = now();
      if (at < state.pausedUntil) {
        wakeAt(key, state, state.pausedUntil);
        return;
      }
      if (state.limit === undefined) {
        if (state.probing) return; // the probe's end pumps again
        state.probing = true;
      } else {
        while (state.starts.length > 0 && state.starts[0]! <= at - span) state.starts.shift();
        if (state.starts.length >= state.limit) {
          wakeAt(key, state, state.starts[0]! + span);
          return;
        }
      }
      state.starts.push(at);
      state.queue.shift()?.();
    }
  }

  return {
    async run<T>(key: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      const state = stateOf(key);
      if (signal?.aborted) throw new CallCancelled();
      if (state.queue.length >= (options.maxQueued ?? 256)) throw overloaded('queue');
      const wasProbe = await new Promise<boolean>((resolve, reject) => {
        const onAbort = () => {
          const index = state.queue.indexOf(start);
          if (index >= 0) state.queue.splice(index, 1);
          reject(new CallCancelled());
        };
        const start: Waiter = Object.assign(
          () => {
            signal?.removeEventListener('abort', onAbort);
            resolve(state.limit === undefined);
          },
          {
            deadline: currentScope()?.deadline,
            refuse: (error: Error) => {
              signal?.removeEventListener('abort', onAbort);
              reject(error);
            },
          },
        );
        signal?.addEventListener('abort', onAbort, { once: true });
        state.queue.push(start);
        pump(key);
      });
      try {
        return await task();
      } finally {
        if (wasProbe) {
          state.probing = false;
          state.limit ??= options.fallbackLimit(key);
          pump(key);
        }
      }
    },
    setLimit(key, perWindow) {
      const state = stateOf(key);
      state.limit = Math.max(1, Math.floor(perWindow));
      pump(key);
    },
    pauseUntil(key, time) {
      const state = stateOf(key);
      state.pausedUntil = Math.max(state.pausedUntil, time);
    },
  };
}
