import { LmsKind } from '../../schema/model/enums.js';
import type { LmsAdapterFactory } from '../core/adapter.js';
import { createLearnhubAdapter } from './adapter.js';
import { type LearnhubConfig, learnhubConfigSchema } from './config.js';

/** Factory of the example home-grown adapter (kind CUSTOM), in the same shape as the built-in ones. */
export const learnhubAdapterFactory: LmsAdapterFactory<LearnhubConfig> = {
  kind: LmsKind.CUSTOM,
  configSchema: learnhubConfigSchema,
  create: (config, deps) => createLearnhubAdapter(config, deps),
};

export { createLearnhubAdapter } from './adapter.js';
export { createLearnhubClient, type LearnhubClient } from './client.js';
export { type LearnhubConfig, learnhubConfigSchema } from './config.js';
export {
  generateLearnhubDataset,
  LEARNHUB_SANDBOX_API_KEY,
  type LearnhubDataset,
  startLearnhubSimulator,
} from './simulator/index.js';
