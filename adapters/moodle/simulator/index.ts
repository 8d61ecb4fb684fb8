import { type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import { generateDataset } from './dataset.js';
import { createMoodleProtocol, MOODLE_SANDBOX_TOKEN } from './protocol.js';

export { generateDataset, type MoodleDataset } from './dataset.js';
export { MOODLE_FUNCTIONS_OUTSIDE_SERVICE, MOODLE_SANDBOX_LOGIN, MOODLE_SANDBOX_TOKEN } from './protocol.js';
export { HIDDEN_COURSE_ID, NO_CRITERIA_COURSE_ID, POWER_LEARNER, SHARED_PEOPLE } from './seedData.js';

export interface MoodleSimulatorOptions {
  /** Dataset seed; different seeds give different sites. @default 1 */
  readonly seed?: number;
  /** The one valid `wstoken`. @default MOODLE_SANDBOX_TOKEN */
  readonly token?: string;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 'Convergence Moodle sandbox' */
  readonly siteName?: string;
  /** Functions of the token's service. @default every implemented function */
  readonly functions?: readonly string[];
}

/** A wire-faithful Moodle 4.4 REST server on 127.0.0.1 over a seeded dataset (lms-apis.md §1.5). */
export function startMoodleSimulator(options: MoodleSimulatorOptions = {}): Promise<SimulatorHandle> {
  const data = generateDataset(options.seed ?? 1, options.siteName ?? 'Convergence Moodle sandbox');
  const protocol = createMoodleProtocol({
    data,
    token: options.token ?? MOODLE_SANDBOX_TOKEN,
    ...(options.functions ? { functions: options.functions } : {}),
  });
  return startSimulator(protocol, options.port !== undefined ? { port: options.port } : {});
}
