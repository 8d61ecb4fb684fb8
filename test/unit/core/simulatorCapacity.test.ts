import { describe, expect, it } from 'vitest';
import { type SimulatorProtocol, startSimulator } from '../../../adapters/core/simulator.js';

/** The capacity model of the simulators (benches at a realistic speed): a fixed number of workers. */
describe('simulator capacity', () => {
  it('serves at most `workers` requests at once and queues the rest, answering every one', async () => {
    let inside = 0;
    let most = 0;
    const routes: string[] = [];
    const protocol: SimulatorProtocol = {
      route: (request) => request.url.pathname,
      async handle() {
        inside += 1;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 15));
        inside -= 1;
        return { status: 200, body: { ok: true }, items: 2 };
      },
    };
    await using sim = await startSimulator(protocol, {
      capacity: {
        workers: 3,
        latencyMs: (route) => {
          routes.push(route);
          return 1;
        },
        perItemMs: 1,
      },
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => fetch(`${sim.url}/x`).then((r) => r.json())));
    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ ok: true })));
    expect(most).toBe(3);
    expect(routes).toEqual(Array.from({ length: 10 }, () => '/x'));
  });
});
