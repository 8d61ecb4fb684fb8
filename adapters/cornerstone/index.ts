import { defineAdapter } from '../core/descriptor.js';
import { CORNERSTONE_CAPABILITIES, createCornerstoneAdapter } from './adapter.js';
import { type CornerstoneConfig, cornerstoneConfigSchema } from './config.js';
import { CORNERSTONE_SANDBOX_CREDENTIALS, startCornerstoneSimulator } from './simulator/index.js';

/** Cornerstone OnDemand portals (lms-apis.md §2): everything Convergence knows about the kind `cornerstone`. */
export const cornerstoneAdapter = defineAdapter<CornerstoneConfig>({
  kind: 'cornerstone',
  category: 'LMS',
  title: 'Cornerstone OnDemand',
  configSchema: cornerstoneConfigSchema,
  capabilities: CORNERSTONE_CAPABILITIES,
  connect: (config, deps) => createCornerstoneAdapter(config, deps),
  simulator: {
    start: ({ seed, port }) => startCornerstoneSimulator({ seed, port }),
    secret: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    settings: (baseUrl, secret) => ({
      kind: 'cornerstone',
      baseUrl,
      clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
      clientSecret: secret,
    }),
    sandboxAgencies: [{ code: 'unicef', name: "United Nations Children's Fund", seed: 3 }],
  },
});

export { CORNERSTONE_CAPABILITIES, createCornerstoneAdapter } from './adapter.js';
export { type CornerstoneConfig, cornerstoneConfigSchema } from './config.js';
export {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  type CornerstoneSimulatorOptions,
  startCornerstoneSimulator,
} from './simulator/index.js';
