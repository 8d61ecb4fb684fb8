import { createAdapterCache } from '../../adapters/core/cache.js';
import { createAdapter } from '../../adapters/core/factory.js';
import { createLogger } from '../../adapters/core/logger.js';
import { loadAgencyConfig } from '../agency/config.js';
import { startAgencySubgraph } from '../agency/server.js';
import { announce } from './run.js';

/**
 * `convergence agency --config agency.yaml`: one agency subgraph next to its LMS, over a built-in kind or
 * a home-grown adapter module named in the config.
 */
export async function runAgency(configPath: string): Promise<void> {
  const config = await loadAgencyConfig(configPath);
  const logger = createLogger(`agency:${config.agency.code}`, config.logLevel);
  const { descriptor, settings, source } = config.lms;
  const adapter = createAdapter(descriptor, settings, {
    agency: config.agency.code,
    logger,
    cache: createAdapterCache(config.cache, `${config.agency.code}:${descriptor.kind}`),
  });
  if (source !== 'built-in') logger.info({ module: source, kind: descriptor.kind }, 'home-grown adapter loaded');
  const running = await startAgencySubgraph({
    agency: { code: config.agency.code, name: config.agency.name, lmsKind: descriptor.kind },
    adapter,
    port: config.port,
    host: config.host,
    gateway: config.gateway,
    limits: config.limits,
    catalogueCacheMs: config.catalogueCacheMs,
    serving: config.serving,
  });
  announce(logger, 'agency subgraph', running);
}
