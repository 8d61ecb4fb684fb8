import { createLogger } from '../../adapters/core/logger.js';
import { loadRegistryConfig } from '../registry/config.js';
import { CurationStore } from '../registry/curation/store.js';
import { RecognitionStore } from '../registry/recognition/store.js';
import { startRegistry } from '../registry/server.js';
import { createRegistryKeyv } from '../registry/store/backends.js';
import { RegistryStore } from '../registry/store/registryStore.js';
import { announce } from './run.js';

/** `convergence registry --config registry.yaml`: the registry subgraph and its durable store. */
export async function runRegistry(configPath: string): Promise<void> {
  const config = loadRegistryConfig(configPath);
  const logger = createLogger('registry', config.logLevel);
  const running = await startRegistry({
    store: new RegistryStore(createRegistryKeyv(config.store)),
    adminToken: config.adminToken,
    directoryToken: config.directoryToken,
    harvestToken: config.harvestToken,
    port: config.port,
    host: config.host,
    health: config.health,
    serving: config.serving,
    gateTimeoutMs: config.gateTimeoutMs,
    allowedDestinations: config.allowedDestinations,
    gateway: config.gateway,
    curation: new CurationStore(createRegistryKeyv(config.store, 'curation')),
    curationCriteria: config.curation.criteria,
    recognition: {
      // The same durable store as the registrations, in a namespace of its own.
      store: new RecognitionStore(createRegistryKeyv(config.store, 'recognition')),
      verifier: {
        fetch: {
          allowHttp: config.recognition.verifier.allowHttp,
          allowPrivateNetwork: config.recognition.verifier.allowPrivateNetwork,
          ...(config.recognition.verifier.timeoutMs ? { timeoutMs: config.recognition.verifier.timeoutMs } : {}),
        },
        statusTtlMs: config.recognition.verifier.statusCacheMs,
      },
      suppressionThreshold: config.recognition.suppressionThreshold,
    },
    logger,
  });
  logger.info({ store: config.store.kind }, 'registry store opened');
  announce(logger, 'registry', running);
}
