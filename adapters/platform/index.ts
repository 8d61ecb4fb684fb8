import { defineAdapter } from '../core/descriptor.js';
import { createPlatformSource, PLATFORM_CAPABILITIES } from './adapter.js';
import { type PlatformConfig, platformConfigSchema } from './config.js';
import { PLATFORM_SANDBOX_CREDENTIALS } from './simulator/catalogueState.js';
import { startPlatformSimulator } from './simulator/index.js';

/**
 * External course platforms (credentials-and-platforms.md §2; Coursera-, edX- and LinkedIn-Learning-like):
 * everything Convergence knows about the kind `platform`. A source of category EXTERNAL — its public
 * catalogue, chosen per agency by `api` (courses with provider, cost model, language, duration, link) —
 * and, in the same simulator, the issuer of the OB 3.0 credentials learners present (issue 14).
 */
export const platformAdapter = defineAdapter<PlatformConfig>({
  kind: 'platform',
  category: 'EXTERNAL',
  title: 'External course platform catalogue',
  configSchema: platformConfigSchema,
  capabilities: PLATFORM_CAPABILITIES,
  connect: (config, deps) => createPlatformSource(config, deps),
  simulator: {
    start: ({ seed, port }) => startPlatformSimulator({ seed, port }),
    secret: PLATFORM_SANDBOX_CREDENTIALS.clientSecret,
    // The sandbox reads the LinkedIn Learning catalogue: the one of the three that needs a credential.
    settings: (baseUrl, secret) => ({
      kind: 'platform',
      api: 'linkedin-learning',
      baseUrl,
      tokenUrl: `${baseUrl}/oauth/v2/accessToken`,
      clientId: PLATFORM_SANDBOX_CREDENTIALS.clientId,
      clientSecret: secret,
    }),
    sandboxAgencies: [{ code: 'linkedin', name: 'LinkedIn Learning (simulated catalogue)', seed: 5 }],
  },
});

export {
  type CatalogueControl,
  type CatalogueStatus,
  createPlatformAdapter,
  createPlatformSource,
  PLATFORM_CAPABILITIES,
  type PlatformAdapter,
  type PlatformAdapterOptions,
  type PlatformSource,
} from './adapter.js';
export { createPlatformClient, type PlatformClient } from './client.js';
export { type PlatformApi, type PlatformConfig, platformConfigSchema } from './config.js';
export { type MapContext, mapElement } from './mapper.js';
export { sdgsMentioned } from './sdg.js';
export {
  type CatalogueInjection,
  type CatalogueSimulatorHandle,
  type CatalogueSimulatorOptions,
  generateCatalogues,
  keyOf,
  PLATFORM_SANDBOX_CREDENTIALS,
  SIM_PLATFORMS,
  type SimElement,
  type SimPlatform,
  startCatalogueSimulator,
} from './simulator/catalogueServer.js';
export * from './simulator/index.js';
export { weeksBetween, workloadMinutes } from './workload.js';
