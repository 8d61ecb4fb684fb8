import { LmsKind } from '../../schema/model/enums.js';
import type { LmsAdapterFactory } from '../core/adapter.js';
import { createMoodleAdapter } from './adapter.js';
import { type MoodleConfig, moodleConfigSchema } from './config.js';

/** Registry entry for Moodle sites (STYLE.md B2). */
export const moodleAdapterFactory: LmsAdapterFactory<MoodleConfig> = {
  kind: LmsKind.MOODLE,
  configSchema: moodleConfigSchema,
  create: (config, deps) => createMoodleAdapter(config, deps),
};

export { createMoodleAdapter, MOODLE_REQUIRED_FUNCTIONS } from './adapter.js';
export { createMoodleClient, type MoodleClient, type MoodleClientOptions } from './client.js';
export { type MoodleConfig, moodleConfigSchema } from './config.js';
export {
  generateDataset,
  HIDDEN_COURSE_ID,
  MOODLE_FUNCTIONS_OUTSIDE_SERVICE,
  MOODLE_SANDBOX_LOGIN,
  MOODLE_SANDBOX_TOKEN,
  type MoodleDataset,
  type MoodleSimulatorOptions,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SHARED_PEOPLE,
  startMoodleSimulator,
} from './simulator/index.js';
