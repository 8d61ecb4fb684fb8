import { hostname } from 'node:os';
import { createLogger } from '../../adapters/core/logger.js';
import { loadInsightsConfig, runPolicyOf } from '../insights/config.js';
import { harvestSources } from '../insights/harvest/sources.js';
import { openInsightsStore } from '../insights/openStore.js';
import { HarvestQueue } from '../insights/queue/harvestQueue.js';
import type { HarvestArgs } from './harvest.js';
import { announce } from './run.js';
import { UsageError } from './usageError.js';

/**
 * `convergence harvest worker --config insights.yaml`: one of several harvesters sharing the work through
 * pg-boss on the store's PostgreSQL (the embedded store is one process's: use `harvest` there).
 */
export async function runHarvestWorker(args: HarvestArgs): Promise<void> {
  if (!args.config) throw new UsageError('harvest worker needs --config <insights.yaml>');
  const config = loadInsightsConfig(args.config);
  if (config.store.kind !== 'postgres') {
    throw new UsageError(
      "harvest worker needs a PostgreSQL store (store.kind: postgres); the embedded one is one process's",
    );
  }
  const logger = createLogger('harvest-worker', config.logLevel);
  const store = await openInsightsStore(config);
  const queue = new HarvestQueue({
    url: config.store.url,
    schema: `${config.store.schema}_boss`,
    store,
    sources: await harvestSources(config, logger),
    cycleMs: config.harvest.intervalMs > 0 ? config.harvest.intervalMs : 3_600_000,
    worker: `${hostname()}:${process.pid}`,
    policy: runPolicyOf(config),
    logger,
  });
  await queue.start();
  announce(logger, 'harvest worker', {
    url: `pgboss://${config.store.schema}_boss`,
    stop: async () => {
      await queue.stop();
      await store.close();
    },
  });
}
