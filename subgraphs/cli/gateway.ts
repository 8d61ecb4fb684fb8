import { createLogger } from '../../adapters/core/logger.js';
import { loadGatewayConfig } from '../../gateway/config.js';
import { AgencyDirectory } from '../../gateway/directory.js';
import { startGateway } from '../../gateway/server.js';
import { announce } from './run.js';

/** `convergence gateway --config gateway.yaml`: the one endpoint. */
export async function runGateway(configPath: string): Promise<void> {
  const config = loadGatewayConfig(configPath);
  const logger = createLogger('gateway', config.logLevel);
  const running = await startGateway({
    directory: new AgencyDirectory(config.agencies),
    port: config.port,
    host: config.host,
    agencyTimeoutMs: config.agencyTimeoutMs,
    deadlineMs: config.deadlineMs,
    cursorSecret: config.cursorSecret,
    introspection: config.introspection,
    subgraphUrls: config.subgraphUrls,
    logger,
  });
  announce(logger, 'gateway', running);
}
