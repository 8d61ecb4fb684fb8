import type { Logger } from 'pino';
import { createAdapterCache } from '../../../adapters/core/cache.js';
import { createAdapter } from '../../../adapters/core/factory.js';
import { AgencyDirectory } from '../../../gateway/directory.js';
import { RegistryDirectorySource } from '../../../gateway/registrySource.js';
import { loadAgencyConfig } from '../../agency/config.js';
import type { InsightsConfig } from '../config.js';
import type { HarvestSource } from './harvestAgency.js';
import { registryRecognitionReader } from './recognitionFeed.js';

/**
 * The agencies to harvest: one adapter per agency config (the same connection, credentials and limiters
 * as its subgraph), kept to the registry's ACTIVE agencies when a registry is configured.
 */
export async function harvestSources(config: InsightsConfig, logger: Logger): Promise<HarvestSource[]> {
  const sources: HarvestSource[] = [];
  // Recognised learning comes from the registry's feed, read with the same credential as its directory.
  const recognitions = config.registry
    ? registryRecognitionReader({ url: config.registry.url, token: config.registry.token.reveal(), timeoutMs: 30_000 })
    : undefined;
  for (const file of config.agencies) {
    const agency = await loadAgencyConfig(file);
    const { descriptor, settings } = agency.lms;
    const adapter = createAdapter(descriptor, settings, {
      agency: agency.agency.code,
      logger: logger.child({ agency: agency.agency.code }),
      cache: createAdapterCache(agency.cache, `${agency.agency.code}:${descriptor.kind}:harvest`),
    });
    sources.push({ code: agency.agency.code, adapter, recognitions });
  }
  if (!config.registry) return sources;
  const directory = new AgencyDirectory();
  const registry = new RegistryDirectorySource(directory, {
    url: config.registry.url,
    token: config.registry.token.reveal(),
    logger,
  });
  if (!(await registry.refresh())) {
    logger.warn('registry unreadable: harvesting every configured agency');
    return sources;
  }
  const active = new Set(directory.active().map((a) => a.code));
  return sources.filter((s) => active.has(s.code));
}
