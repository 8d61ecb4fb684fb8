import type { SimulatorContext, SimulatorResponse } from '../../core/simulator.js';
import { odataError } from './odata.js';

/** Spacing per serialised service, as a multiple of the base interval (SAP KBA 2516640, b2005). */
const LIMITED: Readonly<Record<string, number>> = {
  'search-service': 1,
  'catalog-service': 1,
  'user-service': 1,
  'program-service': 1,
  'curriculum-service': 10,
};

/**
 * The serialisation throttle: a call to a limited service that arrives while another is in flight, or
 * less than the interval after the previous one, gets 429 "API calling limit exceeded, Try later"
 * (KBA 3648498) and is recorded as a violation. Arrival times are kept so tests can measure the gaps.
 */
export function createLimits(minIntervalMs: number, now: () => number = Date.now) {
  const last = new Map<string, number>();
  const inFlight = new Map<string, number>();
  const arrivals: Record<string, number[]> = {};

  async function run(
    service: string,
    context: SimulatorContext,
    handle: () => Promise<SimulatorResponse>,
  ): Promise<SimulatorResponse> {
    const factor = LIMITED[service];
    if (factor === undefined) return handle();
    const interval = factor * minIntervalMs;
    const at = now();
    const previous = last.get(service);
    const busy = (inFlight.get(service) ?? 0) > 0;
    last.set(service, at);
    arrivals[service] = [...(arrivals[service] ?? []), at];
    if (busy || (previous !== undefined && at - previous < interval)) {
      context.violation(
        busy
          ? `${service}: parallel call`
          : `${service}: call ${at - previous!} ms after the previous one (limit: one per ${interval} ms)`,
      );
      return odataError(429, 'API calling limit exceeded, Try later', 'TOO_MANY_REQUESTS');
    }
    inFlight.set(service, (inFlight.get(service) ?? 0) + 1);
    try {
      return await handle();
    } finally {
      inFlight.set(service, (inFlight.get(service) ?? 1) - 1);
    }
  }

  return {
    run,
    /** Arrival times (ms) of calls to each limited service since the last reset. */
    arrivals,
    reset() {
      last.clear();
      for (const key of Object.keys(arrivals)) delete arrivals[key];
    },
  };
}
