import { createLogger } from '../../adapters/core/logger.js';
import { loadInsightsConfig, runPolicyOf } from '../insights/config.js';
import { ProgressDisplay } from '../insights/harvest/progress.js';
import { runHarvestCycle } from '../insights/harvest/runHarvest.js';
import { harvestSources } from '../insights/harvest/sources.js';
import { openInsightsStore } from '../insights/openStore.js';
import type { HarvestState } from '../insights/store/insightsStore.js';
import { UsageError } from './usageError.js';

export interface HarvestArgs {
  readonly config?: string | undefined;
  readonly agency?: string | undefined;
  readonly full?: boolean | undefined;
}

const needConfig = (args: HarvestArgs) => {
  if (!args.config) throw new UsageError('harvest needs --config <insights.yaml>');
  return args.config;
};

/** `convergence harvest [--agency who] [--full]`: one cycle now, in this process, with progress. */
export async function runHarvestCommand(args: HarvestArgs): Promise<void> {
  const config = loadInsightsConfig(needConfig(args));
  const logger = createLogger('harvest', config.logLevel === 'info' ? 'warn' : config.logLevel);
  const store = await openInsightsStore(config);
  try {
    const display = new ProgressDisplay(process.stderr);
    const results = await runHarvestCycle(store, await harvestSources(config, logger), {
      ...runPolicyOf(config),
      agency: args.agency,
      full: args.full === true,
      onProgress: (p) => display.update(p),
    });
    for (const r of results) {
      process.stdout.write(
        r.ok
          ? `${r.agency}: ${r.kind}, ${r.items} items, ${r.calls} calls, ${(r.durationMs / 1000).toFixed(1)} s${r.resumed ? ' (resumed)' : ''}\n`
          : `${r.agency}: FAILED ${r.error}\n`,
      );
    }
    if (results.some((r) => !r.ok)) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/**
 * The `harvest status` table: each agency's last success, what that run read (`full`, `walk` or
 * `incremental`), duration, items and lag.
 */
export function statusTable(states: readonly HarvestState[], now = new Date()): string {
  const rows = [['agency', 'last success', 'run', 'duration', 'items', 'lag', 'state']];
  for (const s of states) {
    const lag = s.lastSuccessAt ? Math.round((now.getTime() - s.lastSuccessAt.getTime()) / 1000) : null;
    rows.push([
      s.agency,
      s.lastSuccessAt ? s.lastSuccessAt.toISOString() : 'never',
      s.lastRunKind ?? '-',
      s.lastDurationMs === null ? '-' : `${(s.lastDurationMs / 1000).toFixed(1)} s`,
      s.lastItems === null ? '-' : String(s.lastItems),
      lag === null ? '-' : `${lag} s`,
      s.runId
        ? `${s.runKind} running/interrupted at ${s.runKind === 'incremental' ? 'learner' : 'course'} ${s.cursor}`
        : s.lastError
          ? `error: ${s.lastError}`
          : 'ok',
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

/** `convergence harvest status`. */
export async function runHarvestStatus(args: HarvestArgs): Promise<void> {
  const config = loadInsightsConfig(needConfig(args));
  const store = await openInsightsStore(config);
  try {
    process.stdout.write(statusTable(await store.states()));
  } finally {
    await store.close();
  }
}
