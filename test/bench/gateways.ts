import type { AgencyEndpoint } from '../../gateway/directory.js';
import type { StockGatewayHostConfig } from './apolloGatewayHost.js';
import { CATALOGUE_BODY, checkCataloguePage } from './catalogue.js';
import { type Host, startHost, type Usage } from './child.js';
import { interleave, type LoadResult, type LoadSettings, leadIn, measureStretch, summarise } from './load.js';

/*
 * The gateways section (`--only=gateways`, and part of the full run): the same catalogue page over ONE
 * agency subgraph with no injected latency, queried directly, through Convergence's gateway, and through
 * stock `@apollo/gateway` (apolloGatewayHost.ts) and through Hive Gateway (hiveGatewayHost.ts), each
 * gateway in a process of its own, at 1 and 16 connections, interleaved. Convergence twice: as configured by
 * default, and with its answer cache on (in memory, default TTLs: a catalogue page is kept 10 s) — the
 * other two cache nothing as configured here. Then Convergence's gateway with
 * 28 agencies in its directory under load, for its memory.
 */

export const GATEWAY_CONNECTIONS = [1, 16] as const;
export type GatewayTargetName = 'direct' | 'convergence' | 'convergence-cached' | 'apollo' | 'hive';

export interface GatewayRow {
  readonly target: GatewayTargetName;
  readonly connections: number;
  readonly load: LoadResult;
  /** The process's RSS at the end of its measured stretches (most of them), and its peak; bytes. */
  readonly rssBytes?: number;
  readonly maxRssBytes?: number;
  readonly heapUsedBytes?: number;
}

export interface FleetRow {
  readonly agencies: number;
  readonly connections: number;
  readonly load: LoadResult;
  readonly rssBytes: number;
  readonly maxRssBytes: number;
  readonly heapUsedBytes: number;
}

export interface GatewaysResult {
  readonly rows: readonly GatewayRow[];
  readonly fleet: FleetRow;
}

export interface GatewaysOptions {
  /** The one agency subgraph, no injected latency. */
  readonly direct: AgencyEndpoint;
  /** Every agency (28) for the memory row. */
  readonly fleet: readonly AgencyEndpoint[];
  readonly coursesPerAgency: number;
  /** Timing of each comparison (connections are set here). */
  readonly load: Omit<LoadSettings, 'connections'>;
  readonly startConvergence: (
    agencies: readonly AgencyEndpoint[],
    label: string,
    settings?: { readonly answerCache?: boolean },
  ) => Promise<Host>;
}

interface Target {
  readonly target: GatewayTargetName;
  readonly url: string;
  /** The gateway process; none for direct (the agency host serves every subgraph, its RSS says nothing). */
  readonly host?: Host;
}

interface Measured {
  readonly sample: Awaited<ReturnType<typeof measureStretch>>;
  readonly usage?: Usage;
}

async function measured(t: Target, load: LoadSettings): Promise<Measured> {
  await leadIn(t.url, CATALOGUE_BODY, load);
  const sample = await measureStretch(t.url, CATALOGUE_BODY, load);
  return t.host ? { sample, usage: await t.host.usage() } : { sample };
}

const maxOf = (values: readonly (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
};

function warnFailures(label: string, load: LoadResult): void {
  if (load.failures > 0)
    console.warn(`warning: ${label}: ${load.failures} failed requests (errors, timeouts, non-2xx)`);
}

export async function measureGateways(options: GatewaysOptions): Promise<GatewaysResult> {
  const { direct, coursesPerAgency } = options;
  const stock = (entry: string) =>
    startHost(entry, { subgraphUrl: direct.url } satisfies StockGatewayHostConfig, {
      env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1' },
    });
  const [convergence, cached, apollo, hive] = await Promise.all([
    options.startConvergence([direct], 'gateways-convergence'),
    options.startConvergence([direct], 'gateways-convergence-cached', { answerCache: true }),
    stock('./apolloGatewayHost.ts'),
    stock('./hiveGatewayHost.ts'),
  ]);
  const rows: GatewayRow[] = [];
  try {
    const targets: Target[] = [
      { target: 'direct', url: direct.url },
      { target: 'convergence', url: convergence.urls[0]!, host: convergence },
      { target: 'convergence-cached', url: cached.urls[0]!, host: cached },
      { target: 'apollo', url: apollo.urls[0]!, host: apollo },
      { target: 'hive', url: hive.urls[0]!, host: hive },
    ];
    for (const { url } of targets) await checkCataloguePage(url, coursesPerAgency, [direct.code]);
    for (const connections of GATEWAY_CONNECTIONS) {
      const load: LoadSettings = { ...options.load, connections };
      const results = await interleave(targets, CATALOGUE_BODY, load, (t) => measured(t, load));
      for (const [i, t] of targets.entries()) {
        const runs = results[i]!;
        const summary = summarise(runs.map((r) => r.sample));
        warnFailures(`${t.target} at ${connections} connections`, summary);
        const rssBytes = maxOf(runs.map((r) => r.usage?.rssBytes));
        const maxRssBytes = maxOf(runs.map((r) => r.usage?.maxRssBytes));
        const heapUsedBytes = maxOf(runs.map((r) => r.usage?.heapUsedBytes));
        rows.push({
          target: t.target,
          connections,
          load: summary,
          ...(rssBytes !== undefined && { rssBytes }),
          ...(maxRssBytes !== undefined && { maxRssBytes }),
          ...(heapUsedBytes !== undefined && { heapUsedBytes }),
        });
      }
    }
  } finally {
    await Promise.all([convergence.stop(), cached.stop(), apollo.stop(), hive.stop()]);
  }
  return { rows, fleet: await measureFleet(options) };
}

/** Convergence's gateway with every agency in its directory, the catalogue page fanning out to all. */
async function measureFleet(options: GatewaysOptions): Promise<FleetRow> {
  const connections = GATEWAY_CONNECTIONS.at(-1)!;
  const load: LoadSettings = { ...options.load, connections };
  const gateway = await options.startConvergence(options.fleet, 'gateways-fleet');
  try {
    const target: Target = { target: 'convergence', url: gateway.urls[0]!, host: gateway };
    await checkCataloguePage(
      target.url,
      options.fleet.length * options.coursesPerAgency,
      options.fleet.map((a) => a.code),
    );
    const [runs] = await interleave([target], CATALOGUE_BODY, load, (t) => measured(t, load));
    const summary = summarise(runs!.map((r) => r.sample));
    warnFailures(`convergence over ${options.fleet.length} agencies`, summary);
    return {
      agencies: options.fleet.length,
      connections,
      load: summary,
      rssBytes: maxOf(runs!.map((r) => r.usage?.rssBytes)) ?? Number.NaN,
      maxRssBytes: maxOf(runs!.map((r) => r.usage?.maxRssBytes)) ?? Number.NaN,
      heapUsedBytes: maxOf(runs!.map((r) => r.usage?.heapUsedBytes)) ?? Number.NaN,
    };
  } finally {
    await gateway.stop();
  }
}
