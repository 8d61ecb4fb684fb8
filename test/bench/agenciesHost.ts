import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';
import { serveHost } from './child.js';
import { withLatency } from './latencyAdapter.js';
import { type ReplayProxy, startReplayProxy } from './replayProxy.js';

/** One agency subgraph to host: seeded in-memory data behind a fixed upstream latency. */
export interface HostedAgency {
  readonly code: string;
  readonly seed: number;
  readonly courses: number;
  readonly latencyMs: number;
  /** Also serve it through a replay proxy (replayProxy.ts) adding this latency to replayed answers. */
  readonly replayLatencyMs?: number;
}

export interface AgenciesHostConfig {
  readonly agencies: readonly HostedAgency[];
}

/**
 * Child process: every agency subgraph of the bench, each a real Apollo Server on its own loopback port,
 * all in this one process. They are kept out of the load generator's process (their work would delay
 * autocannon's event loop and inflate the latencies it records) and out of the gateway's (the gateway's
 * own CPU is what is measured). One process rather than one per agency: on a 2-core machine, 16 more
 * Node processes buy no parallelism, only memory and scheduler noise; the waiting that fan-out must
 * overlap is the injected upstream latency, which is timers, not CPU.
 */
async function main(config: AgenciesHostConfig): Promise<void> {
  // startStandaloneServer adds SIGINT/SIGTERM listeners per server; 17 of them are expected here.
  process.setMaxListeners(config.agencies.length * 2 + 10);
  const running: RunningAgencySubgraph[] = [];
  for (const agency of config.agencies) {
    const adapter = withLatency(createMemoryAdapter(memoryData(agency.seed, agency.courses)), agency.latencyMs);
    running.push(
      await startAgencySubgraph({
        agency: { code: agency.code, name: agency.code.toUpperCase(), lmsKind: 'custom' },
        adapter,
        host: '127.0.0.1',
      }),
    );
  }
  const proxies: ReplayProxy[] = [];
  for (const [i, agency] of config.agencies.entries()) {
    if (agency.replayLatencyMs !== undefined) {
      proxies.push(await startReplayProxy(running[i]!.url, agency.replayLatencyMs));
    }
  }
  // URLs: every agency's subgraph in config order, then the replay proxies in the same order.
  serveHost([...running.map((r) => r.url), ...proxies.map((p) => p.url)], async () => {
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(running.map((r) => r.stop()));
  });
}

await main(JSON.parse(process.argv[2] ?? '{}') as AgenciesHostConfig);
