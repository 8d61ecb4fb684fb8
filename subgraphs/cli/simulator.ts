import { createLogger } from '../../adapters/core/logger.js';
import { BUILT_IN_ADAPTERS, simulatedKinds } from '../../adapters/kinds.js';
import { announce } from './run.js';
import { UsageError } from './usageError.js';

/** `convergence simulator --kind moodle --seed 1 --port 4201`: a wire-faithful fake LMS with seeded data. */
export async function runSimulator(kind: string | undefined, seed: number, port: number): Promise<void> {
  const descriptor = BUILT_IN_ADAPTERS.find((d) => d.kind === kind && d.simulator);
  if (!descriptor?.simulator) throw new UsageError(`--kind must be one of ${simulatedKinds().join(', ')}`);
  const logger = createLogger(`simulator:${descriptor.kind}`);
  const handle = await descriptor.simulator.start({ seed, port });
  announce(logger, `${descriptor.kind} simulator`, { url: handle.url, stop: () => handle.close() });
}
