import { createAdapterCache } from '../../adapters/core/cache.js';
import { createLogger } from '../../adapters/core/logger.js';
import { createAdapter, lmsKindOf } from '../../adapters/registry.js';
import { loadAgencyConfig } from '../agency/config.js';
import { startAgencySubgraph } from '../agency/server.js';
import { announce } from './run.js';

/** `convergence agency --config agency.yaml`: one agency subgraph next to its LMS. */
export async function runAgency(configPath: string): Promise<void> {
  const config = loadAgencyConfig(configPath);
  const logger = createLogger(`agency:${config.agency.code}`, config.logLevel);
  const lmsKind = lmsKindOf(config.lms);
  const adapter = createAdapter(config.lms, {
    agency: config.agency.code,
    logger,
    cache: createAdapterCache(config.cache, `${config.agency.code}:${config.lms.kind}`),
  });
  const running = await startAgencySubgraph({
    agency: { code: config.agency.code, name: config.agency.name, lmsKind },
    adapter,
    port: config.port,
    host: config.host,
    gateway: config.gateway,
  });
  announce(logger, 'agency subgraph', running);
}
