import type { InsightsConfig } from './config.js';
import { InsightsStore } from './store/insightsStore.js';

/** Opens the configured store (PGlite directory or PostgreSQL schema). */
export function openInsightsStore(config: InsightsConfig): Promise<InsightsStore> {
  return InsightsStore.open(config.store, {
    learnerKeySecret: config.learnerKeySecret?.reveal(),
    retentionMonths: config.retentionMonths,
  });
}
