import { createLogger } from '../../adapters/core/logger.js';
import type { SimulatorHandle } from '../../adapters/core/simulator.js';
import { startCornerstoneSimulator } from '../../adapters/cornerstone/index.js';
import { startMoodleSimulator } from '../../adapters/moodle/index.js';
import { startPlatformSimulator } from '../../adapters/platform/simulator/index.js';
import { startSuccessFactorsSimulator } from '../../adapters/successfactors/index.js';
import { announce } from './run.js';

import type { OtherSimulatorKind, SimulatorKind } from './simulatorKinds.js';

export { SIMULATOR_KINDS, type SimulatorKind } from './simulatorKinds.js';

const starters: Record<
  SimulatorKind | OtherSimulatorKind,
  (options: { seed: number; port: number }) => Promise<SimulatorHandle>
> = {
  moodle: startMoodleSimulator,
  cornerstone: startCornerstoneSimulator,
  successfactors: startSuccessFactorsSimulator,
  platform: startPlatformSimulator,
};

/** `convergence simulator --kind moodle --seed 1 --port 4201`: a wire-faithful fake LMS with seeded data. */
export async function runSimulator(
  kind: SimulatorKind | OtherSimulatorKind,
  seed: number,
  port: number,
): Promise<void> {
  const logger = createLogger(`simulator:${kind}`);
  const handle = await starters[kind]({ seed, port });
  announce(logger, `${kind} simulator`, { url: handle.url, stop: () => handle.close() });
}
