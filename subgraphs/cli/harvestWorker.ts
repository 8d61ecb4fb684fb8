import type { HarvestArgs } from './harvest.js';
import { UsageError } from './usageError.js';

/** `convergence harvest worker`: a pg-boss worker (PostgreSQL store). */
export async function runHarvestWorker(args: HarvestArgs): Promise<void> {
  if (!args.config) throw new UsageError('harvest worker needs --config <insights.yaml>');
  throw new UsageError('harvest worker: not available in this build');
}
