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
  unsupported: {
    // Level 1 (Reaction) evaluations exist in the product (help.csod.com, Catalog > Evaluations), but no
    // vendor page documents how their responses are read over an API: csod.dev lists no evaluation view or
    // object, and the only trace found is a third-party probe of `vw_rpt_evaluations` whose columns it
    // guesses. Until the view is documented (or seen on a tenant), nothing is read (README, KPI section).
    evaluations:
      "Cornerstone documents no API for reading course evaluation responses; this agency's courses carry no ratings.",
  },
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
