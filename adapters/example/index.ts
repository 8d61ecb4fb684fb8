import { defineAdapter } from 'convergence/sdk';
import { createLearnhubAdapter } from './adapter.js';
import { type LearnhubConfig, learnhubConfigSchema } from './config.js';
import { LEARNHUB_SANDBOX_API_KEY, startLearnhubSimulator } from './simulator/index.js';

/**
 * The example home-grown adapter: everything Convergence needs to know about Learnhub. An agency config
 * names this module (`lms: { module: ./adapters/example/index.ts, ... }`) and `convergence agency` serves it.
 */
export const learnhubAdapter = defineAdapter<LearnhubConfig>({
  kind: 'custom',
  category: 'LMS',
  title: 'Learnhub (example home-grown LMS)',
  configSchema: learnhubConfigSchema,
  capabilities: new Set(['courses', 'learners', 'enrollments.byLearner', 'enrollments.byCourse']),
  connect: (config, deps) => createLearnhubAdapter(config, deps),
  simulator: {
    start: ({ port }) => startLearnhubSimulator({ port }),
    secret: LEARNHUB_SANDBOX_API_KEY,
    settings: (baseUrl, secret) => ({ baseUrl, apiKey: secret }),
    sandboxAgencies: [],
  },
});

export { createLearnhubAdapter } from './adapter.js';
export { createLearnhubClient, type LearnhubClient } from './client.js';
export { type LearnhubConfig, learnhubConfigSchema } from './config.js';
export {
  generateLearnhubDataset,
  LEARNHUB_SANDBOX_API_KEY,
  type LearnhubDataset,
  startLearnhubSimulator,
} from './simulator/index.js';
