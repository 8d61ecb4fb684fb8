import type { SimulatorHandle } from '../simulator.js';
import type { ConformanceHarness } from './index.js';

/**
 * The upstream half of a conformance harness when the upstream is a simulator: calls counted at the
 * simulator, 'down' as its HTTP 503 fault, and 'unauthenticated' by handing adapters created afterwards a
 * credential the simulator rejects. `credential()` is what `createAdapter` should use.
 */
export function simulatorUpstream(
  simulator: SimulatorHandle,
  credentials: { readonly valid: string; readonly rejected: string },
): Pick<ConformanceHarness, 'upstreamCalls' | 'breakUpstream' | 'restore' | 'close'> & { credential(): string } {
  let current = credentials.valid;
  return {
    credential: () => current,
    upstreamCalls: () => simulator.stats.calls,
    breakUpstream(mode) {
      if (mode === 'down') simulator.setFault({ mode: 'down' });
      else current = credentials.rejected;
    },
    restore() {
      simulator.setFault({ mode: 'none' });
      current = credentials.valid;
    },
    close: () => simulator.close(),
  };
}
