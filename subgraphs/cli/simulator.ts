import { createLogger } from '../../adapters/core/logger.js';
import { simulatorNames, simulatorStarter } from '../../adapters/kinds.js';
import { announce } from './run.js';
import { UsageError } from './usageError.js';

/**
 * `convergence simulator --kind moodle --seed 1 --port 4201`: a wire-faithful fake LMS with seeded data,
 * or an upstream that is not an LMS (`--kind platform`: the external learning platforms).
 */
export async function runSimulator(kind: string | undefined, seed: number, port: number): Promise<void> {
  const simulator = simulatorStarter(kind);
  if (!simulator) throw new UsageError(`--kind must be one of ${simulatorNames().join(', ')}`);
  const logger = createLogger(`simulator:${simulator.name}`);
  const handle = await simulator.start({ seed, port });
  announce(logger, `${simulator.name} simulator`, { url: handle.url, stop: () => handle.close() });
}
