import type { KpiEngine } from '../answer/engine.js';
import type { InsightsStore } from '../store/insightsStore.js';
import type { InsightsAccess } from './access.js';

/** Per-request state of the insights subgraph. */
export interface InsightsContext {
  readonly access: InsightsAccess;
  readonly store: InsightsStore;
  readonly engine: KpiEngine;
  /** Counts of people under this are withheld. */
  readonly threshold: number;
  readonly now: () => Date;
}
