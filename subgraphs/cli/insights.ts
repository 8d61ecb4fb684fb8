import { createLogger } from '../../adapters/core/logger.js';
import { loadInsightsConfig, runPolicyOf } from '../insights/config.js';
import { runHarvestCycle } from '../insights/harvest/runHarvest.js';
import { harvestSources } from '../insights/harvest/sources.js';
import { openInsightsStore } from '../insights/openStore.js';
import { startInsightsSubgraph } from '../insights/subgraph/server.js';
import { announce } from './run.js';

/**
 * `convergence insights --config insights.yaml`: the insights subgraph over the store, harvesting in this
 * process on start and then every `harvest.intervalMs` (the embedded store is one process's; with
 * PostgreSQL, `convergence harvest worker` processes may do the harvesting instead: set intervalMs 0).
 */
export async function runInsights(configPath: string): Promise<void> {
  const config = loadInsightsConfig(configPath);
  const logger = createLogger('insights', config.logLevel);
  const store = await openInsightsStore(config);
  const running = await startInsightsSubgraph({
    store,
    gateway: config.gateway,
    port: config.port,
    host: config.host,
    suppressionThreshold: config.suppressionThreshold,
    logger,
  });
  let timer: NodeJS.Timeout | undefined;
  let cycle: Promise<unknown> = Promise.resolve();
  const harvest = () => {
    cycle = (async () => {
      const sources = await harvestSources(config, logger);
      const results = await runHarvestCycle(store, sources, runPolicyOf(config));
      for (const r of results) {
        if (r.ok)
          logger.info(
            { agency: r.agency, kind: r.kind, items: r.items, calls: r.calls, ms: r.durationMs },
            'harvested',
          );
        else logger.warn({ agency: r.agency, err: r.error }, 'harvest failed');
      }
      // Written whatever the log level: the sandbox waits for the first cycle.
      process.stdout.write(`${JSON.stringify({ msg: 'harvested', agencies: results.map((r) => [r.agency, r.ok]) })}\n`);
    })().catch((error: unknown) => logger.error({ err: String(error) }, 'harvest cycle failed'));
    return cycle;
  };
  const schedule = () => {
    if (config.harvest.intervalMs > 0) {
      timer = setTimeout(() => void harvest().finally(schedule), config.harvest.intervalMs);
      timer.unref();
    }
  };
  announce(logger, 'insights subgraph', {
    url: running.url,
    stop: async () => {
      clearTimeout(timer);
      await running.stop();
      await cycle;
      await store.close();
    },
  });
  if (config.harvest.onStart) void harvest().finally(schedule);
  else schedule();
}
