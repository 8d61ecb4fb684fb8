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
  MOODLE_SANDBOX_LOGIN,
  MOODLE_SANDBOX_TOKEN,
  type MoodleSimulatorOptions,
  startMoodleSimulator,
} from './simulator/index.js';
