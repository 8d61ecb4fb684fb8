import { createLogger } from '../../adapters/core/logger.js';
import { loadRegistryConfig } from '../registry/config.js';
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
    port: config.port,
    host: config.host,
    health: config.health,
    gateTimeoutMs: config.gateTimeoutMs,
    gateway: config.gateway,
    logger,
  });
  logger.info({ store: config.store.kind }, 'registry store opened');
  announce(logger, 'registry', running);
}
