/**
 * Run under `node --expose-gc`: starts N short timeouts joined to a long-lived parent signal, forces
 * collections while they should fire, and prints how many fired, for Convergence's `deadlineSignal` and for
 * `AbortSignal.any([AbortSignal.timeout(ms), parent])` (nodejs/node#57736). Used by test/unit/resilience.
 */
import { setMaxListeners } from 'node:events';
import { deadlineSignal } from '../../schema/timeout.js';

const N = 200;
const MS = 30;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

async function measure(make: (parent: AbortSignal) => AbortSignal): Promise<number> {
  const parent = new AbortController();
  setMaxListeners(0, parent.signal);
  let fired = 0;
  for (let i = 0; i < N; i++) {
    // Only the listener is kept, as when a request waits on the signal: nothing else holds it.
    const signal = make(parent.signal);
    signal.addEventListener('abort', () => {
      fired++;
    });
  }
  for (let round = 0; round < 20; round++) {
    gc?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const before = fired; // the parent's abort below would make every signal fire
  parent.abort();
  return before;
}

const ours = await measure((parent) => deadlineSignal(MS, parent).signal);
const nodeAny = await measure((parent) => AbortSignal.any([AbortSignal.timeout(MS), parent]));
process.stdout.write(`${JSON.stringify({ total: N, ours, nodeAny })}\n`);
