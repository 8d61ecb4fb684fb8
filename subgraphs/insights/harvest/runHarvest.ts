import type { InsightsStore } from '../store/insightsStore.js';
import { type HarvestOptions, type HarvestResult, type HarvestSource, harvestAgency } from './harvestAgency.js';

export interface HarvestCycleOptions extends HarvestOptions {
  /** Only this agency. */
  readonly agency?: string | undefined;
  /** Agencies harvested at the same time. @default 2 */
  readonly concurrency?: number;
}

/**
 * One harvest cycle in this process (the embedded-store path, no queue): every agency once, a few at a
 * time; one failing agency is reported and never stops the others.
 */
export async function runHarvestCycle(
  store: InsightsStore,
  sources: readonly HarvestSource[],
  options: HarvestCycleOptions = {},
): Promise<HarvestResult[]> {
  const todo = options.agency ? sources.filter((s) => s.code === options.agency) : [...sources];
  if (options.agency && todo.length === 0) throw new Error(`no agency "${options.agency}" is configured for harvest`);
  const results: HarvestResult[] = [];
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? 2) }, async () => {
    for (let source = todo.shift(); source; source = todo.shift()) {
      results.push(await harvestAgency(store, source, options));
    }
  });
  await Promise.all(workers);
  return results.sort((a, b) => (a.agency < b.agency ? -1 : 1));
}
