/**
 * Timeouts that survive garbage collection. On Node 20, `AbortSignal.any([AbortSignal.timeout(ms), x])`
 * can lose the inner timeout after a collection (nodejs/node#57736): only `x` then fires. Here the timer
 * is a plain `setTimeout` whose callback holds the controller, so the event loop keeps it alive until it
 * fires or is disposed; parents are followed with ordinary listeners removed on dispose.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** Stops the timer and forgets the parents (call when the work is done, to free them at once). */
  dispose(): void;
}

/** Thrown as the signal's reason when the time runs out (`name: 'TimeoutError'`, like AbortSignal.timeout). */
export function timeoutReason(ms: number): Error {
  const error = new Error(`Timed out after ${ms} ms.`);
  error.name = 'TimeoutError';
  return error;
}

/**
 * A signal that aborts after `ms`, or when any of `parents` aborts, whichever comes first. The timer is
 * unref'd: it never keeps a process alive on its own.
 */
export function deadlineSignal(ms: number | undefined, ...parents: readonly (AbortSignal | undefined)[]): Deadline {
  const controller = new AbortController();
  const followed: Array<{ parent: AbortSignal; listener: () => void }> = [];
  const dispose = () => {
    clearTimeout(timer);
    for (const { parent, listener } of followed) parent.removeEventListener('abort', listener);
    followed.length = 0;
  };
  const abort = (reason: unknown) => {
    if (controller.signal.aborted) return;
    dispose();
    controller.abort(reason);
  };
  const timer = ms === undefined ? undefined : setTimeout(() => abort(timeoutReason(ms)), Math.max(0, ms));
  timer?.unref?.();
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      abort(parent.reason);
      break;
    }
    const listener = () => abort(parent.reason);
    parent.addEventListener('abort', listener, { once: true });
    followed.push({ parent, listener });
  }
  return { signal: controller.signal, dispose };
}

/** A signal that aborts when any of `signals` aborts; held by listeners on them, so GC cannot drop it. */
export function anySignal(...signals: readonly (AbortSignal | undefined)[]): Deadline {
  return deadlineSignal(undefined, ...signals);
}
