import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { AgencyEndpoint } from '../../gateway/directory.js';
import type { AgenciesHostConfig, HostedAgency } from './agenciesHost.js';
import { authTable, measureAuth } from './auth.js';
import { CATALOGUE_BODY, CATALOGUE_PAGE, checkCataloguePage } from './catalogue.js';
import { type Host, startHost, sumUsage, type UsageDelta, usageDelta } from './child.js';
import type { GatewayHostConfig } from './gatewayHost.js';
import { GATEWAY_CONNECTIONS, type GatewaysOptions, type GatewaysResult, measureGateways } from './gateways.js';
import { type KpiBenchRow, kpisTable, measureKpis } from './kpis.js';
import {
  interleave,
  type LoadResult,
  type LoadSettings,
  leadIn,
  measureStretch,
  type Sample,
  summarise,
} from './load.js';
import { measureMoodleCalls, measureMoodleStats, moodleCallsTable, moodleStatsTable } from './moodle.js';
import {
  type FanoutRow,
  fanoutRatios,
  fanoutTable,
  gatewaysSummary,
  gatewaysTable,
  type OverheadRow,
  overheadRatios,
  overheadTable,
  summaryLine,
} from './report.js';

/*
 * `npm run bench`. Flags: `--quick` (a smoke run), `--profile` (V8 CPU profiles of each gateway process
 * under .data/bench/profiles), `--series=subgraphs|replay` (one fan-out series), `--connections=N` and
 * `--seconds=S`, `--rounds=R` (load), `--only=auth` (only row 3, the cost of verifying tokens),
 * `--only=gateways` (only 2b: Convergence's gateway against stock @apollo/gateway, gateways.ts).
 *
 * Processes, all on 127.0.0.1: this one (autocannon, the load generator), one hosting every agency
 * subgraph (agenciesHost.ts), and one gateway process per row (gatewayHost.ts), so that no two of load,
 * gateway and agencies share an event loop: on one loop, the agencies' work would delay the timestamps
 * autocannon takes, and the gateway's CPU could not be told apart from theirs.
 *
 * 1. Fan-out: the same catalogue page through the gateway over N = 1, 4, 16 agencies, every agency's LMS
 *    answering after the same injected latency. Ideal parallel fan-out keeps latency flat as N grows.
 *    Two series: real agency subgraphs, and replay proxies (agency CPU ≈ 0, see replayProxy.ts).
 * 2. Overhead: one agency with no injected latency, queried directly and through the gateway.
 * 2b. Gateways (gateways.ts): that agency directly, through Convergence, stock @apollo/gateway and Hive
 *    Gateway, at 1 and 16 connections, with each gateway's RSS; then Convergence's RSS with 28 agencies under load.
 * 4. learningStats of one Moodle site at the simulator with a realistic capacity (moodle.ts):
 *    calls and seconds, against the gateway's 5 s agency timeout. Alone: `--only=moodle`.
 * 5. Harvested KPIs (kpis.ts): a system-wide learningStats and two breakdowns over 28 agencies × 10,000
 *    learners × 200,000 enrolments in the insights store, PGlite and PostgreSQL, p50/p95. Alone: `--only=kpis`.
 *
 * Rows compared with each other run under the same closed-loop load (fixed connections), each warmed up
 * first, then measured in interleaved rounds of fixed duration (load.ts `interleave`): the machine is
 * shared, and interleaving spreads any outside load over every row alike. Everything is bounded in time,
 * so the run ends by itself (2–2.5 minutes on 2 cores). No assertions: this prints numbers.
 */

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const quick = process.argv.includes('--quick');
const profile = process.argv.includes('--profile');

const UPSTREAM_LATENCY_MS = 20;
const COURSES_PER_AGENCY = 40;
const AGENCY_COUNTS = [1, 4, 16] as const;
/*
 * Fan-out runs at a light closed-loop load (2 connections by default): the question is how much latency
 * N agencies add to one request, not how many requests 2 shared cores can push through N agencies (that
 * is CPU capacity, and part 2 measures the gateway's).
 */
const FANOUT_LOAD: LoadSettings = {
  connections: Number(flag('connections') ?? 2),
  warmupSeconds: quick ? 1 : 2,
  rounds: Number(flag('rounds') ?? (quick ? 2 : 4)),
  seconds: Number(flag('seconds') ?? (quick ? 1 : 2)),
};
const OVERHEAD_LOAD: LoadSettings = { ...FANOUT_LOAD, connections: 8 };
const OUTPUT = new URL('../../.data/bench/latest.json', import.meta.url);
const PROFILE_DIR = new URL('../../.data/bench/profiles/', import.meta.url);

const CODES = [
  'fao',
  'ilo',
  'imo',
  'itu',
  'unep',
  'undp',
  'unesco',
  'unfpa',
  'unhcr',
  'unicef',
  'unido',
  'unitar',
  'unwomen',
  'wfp',
  'who',
  'wipo',
] as const;
/** Twelve more, only in the gateways section's memory row: 28 agencies in the directory. */
const FLEET_EXTRA_CODES = [
  'iaea',
  'icao',
  'ifad',
  'iom',
  'itc',
  'ohchr',
  'unaids',
  'unctad',
  'undrr',
  'unodc',
  'unops',
  'unrwa',
] as const;
const DIRECT_CODE = 'unssc';

function failuresOf(label: string, load: LoadResult): void {
  if (load.failures > 0)
    console.warn(`warning: ${label}: ${load.failures} failed requests (errors, timeouts, non-2xx)`);
}

async function startGatewayHost(
  agencies: readonly AgencyEndpoint[],
  label: string,
  settings: { readonly answerCache?: boolean } = {},
): Promise<Host> {
  const config: GatewayHostConfig = {
    agencies,
    agencyTimeoutMs: 10_000,
    deadlineMs: 20_000,
    ...(settings.answerCache && { answerCache: {} }),
  };
  return startHost('./gatewayHost.ts', config, {
    env: { NODE_ENV: 'production', APOLLO_TELEMETRY_DISABLED: '1' },
    ...(profile
      ? // One folder per gateway: tsx's module-loader thread writes a profile of its own beside the main one.
        { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${new URL(`gateway-${label}/`, PROFILE_DIR).pathname}`] }
      : {}),
  });
}

/** Which agencies the gateway fans out to: real subgraphs, or replay proxies in front of them. */
type Series = 'subgraphs' | 'replay';

interface Stretch {
  readonly sample: Sample;
  readonly target: UsageDelta;
  readonly agencies: UsageDelta;
}

/** One measured stretch, with the CPU the target process and the agency host spent on it. */
async function stretch(url: string, target: Host, agencyHost: Host, load: LoadSettings): Promise<Stretch> {
  await leadIn(url, CATALOGUE_BODY, load);
  const [t0, a0] = await Promise.all([target.usage(), agencyHost.usage()]);
  const sample = await measureStretch(url, CATALOGUE_BODY, load);
  const [t1, a1] = await Promise.all([target.usage(), agencyHost.usage()]);
  return { sample, target: usageDelta(t0, t1), agencies: usageDelta(a0, a1) };
}

/** The catalogue page over N = 1, 4, 16 agencies of one series: one gateway per N, measured side by side. */
async function measureFanout(
  agencyHost: Host,
  endpoints: readonly AgencyEndpoint[],
  series: Series,
): Promise<FanoutRow[]> {
  const gateways = await Promise.all(
    AGENCY_COUNTS.map((n) => startGatewayHost(endpoints.slice(0, n), `${series}-n${n}`)),
  );
  try {
    const targets = AGENCY_COUNTS.map((n, i) => ({ n, gateway: gateways[i]!, url: gateways[i]!.urls[0]! }));
    for (const { n, url } of targets) {
      await checkCataloguePage(
        url,
        n * COURSES_PER_AGENCY,
        endpoints.slice(0, n).map((t) => t.code),
      );
    }
    const results = await interleave(targets, CATALOGUE_BODY, FANOUT_LOAD, (t) =>
      stretch(t.url, t.gateway, agencyHost, FANOUT_LOAD),
    );
    return targets.map(({ n }, i) => {
      const stretches = results[i]!;
      const load = summarise(stretches.map((s) => s.sample));
      failuresOf(`${series}, N = ${n}`, load);
      return {
        series,
        agencies: n,
        load,
        gateway: sumUsage(stretches.map((s) => s.target)),
        agencyHost: sumUsage(stretches.map((s) => s.agencies)),
      };
    });
  } finally {
    await Promise.all(gateways.map((g) => g.stop()));
  }
}

/** One agency without injected latency, queried directly and through a gateway, side by side. */
async function measureOverhead(agencyHost: Host, direct: AgencyEndpoint): Promise<OverheadRow[]> {
  const gateway = await startGatewayHost([direct], 'overhead');
  try {
    const targets = [
      { target: 'direct', host: agencyHost, url: direct.url },
      { target: 'gateway', host: gateway, url: gateway.urls[0]! },
    ] as const;
    for (const { url } of targets) await checkCataloguePage(url, COURSES_PER_AGENCY, [direct.code]);
    const results = await interleave(targets, CATALOGUE_BODY, OVERHEAD_LOAD, (t) =>
      stretch(t.url, t.host, agencyHost, OVERHEAD_LOAD),
    );
    return targets.map(({ target }, i) => {
      const stretches = results[i]!;
      const load = summarise(stretches.map((s) => s.sample));
      failuresOf(target, load);
      return { target, load, process: sumUsage(stretches.map((s) => s.target)) };
    });
  } finally {
    await gateway.stop();
  }
}

const describeLoad = (load: LoadSettings) =>
  `${load.connections} connections; per row ${load.warmupSeconds} s warm-up, then ${load.rounds} rounds of ` +
  `${load.seconds} s measured, rows interleaved`;

function printGateways(result: GatewaysResult): void {
  console.log(
    `\n2b. Gateways side by side: the same page over one agency subgraph (no injected latency), direct, through ` +
      `Convergence's gateway, through stock @apollo/gateway (a static supergraph composed from the subgraph's SDL, ` +
      `@apollo/server standalone) and through Hive Gateway (@graphql-hive/gateway's runtime, the same supergraph, ` +
      `node:http), each gateway its own process, at ${GATEWAY_CONNECTIONS.join(' and ')} connections; ` +
      `${describeLoad({ ...FANOUT_LOAD, connections: GATEWAY_CONNECTIONS.at(-1)! }).replace(/^\d+ connections; /, '')}. ` +
      `RSS: the gateway process after its measured rounds; the last row fans out to ${result.fleet.agencies} agencies ` +
      `(${UPSTREAM_LATENCY_MS} ms LMS latency each).\n`,
  );
  console.log(gatewaysTable(result));
  console.log(`\n${gatewaysSummary(result)}`);
}

const MOODLE_HEADING =
  '\n4. learningStats of one Moodle site at the simulator: 8 PHP workers, 40–300 ms per function ' +
  '(test/bench/moodle.ts); the gateway gives an agency 5 s.\n';

const KPI_HEADING = (quick: boolean) =>
  `\n5. Harvested learning KPIs (test/bench/kpis.ts): 28 agencies × ${quick ? '1,000 learners × 20,000' : '10,000 learners × 200,000'} enrolments ` +
  'in the insights store, KpiEngine in this process; the target is ≤ 50 ms p95 system-wide.\n';

async function main(): Promise<void> {
  if (flag('only') === 'kpis') {
    console.log(`Load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs.`);
    console.log(KPI_HEADING(quick));
    console.log(kpisTable(await measureKpis(quick)));
    return;
  }
  if (flag('only') === 'moodle') {
    console.log(`Load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs.`);
    console.log('\nCalls per Moodle adapter operation, sandbox-sized site (120 courses, 156 people), cold caches:\n');
    console.log(moodleCallsTable(await measureMoodleCalls()));
    console.log(MOODLE_HEADING);
    console.log(moodleStatsTable(await measureMoodleStats(quick)));
    return;
  }
  const started = Date.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
  const hosted: HostedAgency[] = [
    ...CODES.map((code, i) => ({
      code,
      seed: i + 1,
      courses: COURSES_PER_AGENCY,
      latencyMs: UPSTREAM_LATENCY_MS,
      replayLatencyMs: UPSTREAM_LATENCY_MS,
    })),
    ...FLEET_EXTRA_CODES.map((code, i) => ({
      code,
      seed: CODES.length + i + 1,
      courses: COURSES_PER_AGENCY,
      latencyMs: UPSTREAM_LATENCY_MS,
    })),
    // Last: `subgraphs.at(-1)` is the one agency queried directly.
    { code: DIRECT_CODE, seed: 1, courses: COURSES_PER_AGENCY, latencyMs: 0 },
  ];
  console.log(
    `Convergence bench — node ${process.version}, ${os.cpus().length} CPUs, load average ` +
      `${loadAtStart.toFixed(1)}; ${hosted.length} agency subgraphs in one child process, ` +
      `a fresh gateway process per row, autocannon here.`,
  );
  const agencyHost = await startHost('./agenciesHost.ts', { agencies: hosted } satisfies AgenciesHostConfig);
  try {
    const endpoint = (a: HostedAgency, url: string | undefined): AgencyEndpoint => ({
      code: a.code,
      name: a.code.toUpperCase(),
      lmsKind: 'custom',
      url: url ?? '',
    });
    const subgraphs = hosted.map((a, i) => endpoint(a, agencyHost.urls[i]));
    const replays = CODES.map((_, i) => endpoint(hosted[i]!, agencyHost.urls[hosted.length + i]));
    if (flag('only') === 'auth') {
      console.log('… anonymous, one token, a new token each request');
      const auth = await measureAuth(subgraphs.at(-1)!, OVERHEAD_LOAD);
      console.log(
        `\n3. Who is asking: the catalogue page through one gateway, anonymous, one bearer JWT (verified once), a new JWT on every request; ${describeLoad(OVERHEAD_LOAD)}.\n`,
      );
      console.log(authTable(auth));
      return;
    }
    const gatewaysOptions: GatewaysOptions = {
      direct: subgraphs.at(-1)!,
      fleet: subgraphs.slice(0, CODES.length + FLEET_EXTRA_CODES.length),
      coursesPerAgency: COURSES_PER_AGENCY,
      load: FANOUT_LOAD,
      startConvergence: startGatewayHost,
    };
    if (flag('only') === 'gateways') {
      console.log('… gateways side by side: direct, Convergence, @apollo/gateway, Hive; then 28 agencies');
      printGateways(await measureGateways(gatewaysOptions));
      return;
    }
    const fanout: FanoutRow[] = [];
    const only = flag('series');
    for (const [series, endpoints] of [
      ['subgraphs', subgraphs],
      ['replay', replays],
    ] as const) {
      if (only && only !== series) continue;
      console.log(`… fan-out over ${series}, N = ${AGENCY_COUNTS.join(', ')}`);
      fanout.push(...(await measureFanout(agencyHost, endpoints, series)));
    }
    console.log('… gateway vs direct');
    const overhead = await measureOverhead(agencyHost, subgraphs.at(-1)!);
    const fanRatios = fanoutRatios(fanout);
    const direct = overhead.find((r) => r.target === 'direct')!.load;
    const viaGateway = overhead.find((r) => r.target === 'gateway')!.load;
    const ovRatios = overheadRatios(direct, viaGateway);
    console.log('… anonymous, one token, a new token each request');
    const auth = await measureAuth(subgraphs.at(-1)!, OVERHEAD_LOAD);
    console.log('… gateways side by side: direct, Convergence, @apollo/gateway, Hive; then 28 agencies');
    const gateways = await measureGateways(gatewaysOptions);
    console.log('… learningStats of a Moodle site');
    const moodle = await measureMoodleStats(quick);
    console.log('… harvested KPIs over 28 generated agencies');
    const kpis: KpiBenchRow[] = await measureKpis(quick);

    console.log(
      `\n1. Catalogue page (first: 20, TITLE ASC) through the gateway over N agencies; every agency's LMS ` +
        `answers after ${UPSTREAM_LATENCY_MS} ms; ${COURSES_PER_AGENCY} courses per agency; ${describeLoad(FANOUT_LOAD)}.\n` +
        `   subgraphs: real agency subgraphs, all in one process on the same 2 cores as the gateway;\n` +
        `   replay: the same answers replayed by a proxy after ${UPSTREAM_LATENCY_MS} ms (agency CPU ≈ 0): the gateway's own fan-out cost.\n`,
    );
    console.log(fanoutTable(fanout));
    console.log(`\n2. Same query, one agency subgraph, no injected latency; ${describeLoad(OVERHEAD_LOAD)}.\n`);
    console.log(overheadTable(overhead));
    console.log(
      `\n3. Who is asking: the same page through one gateway, anonymous, one bearer JWT (verified once), a new JWT on every request; ${describeLoad(OVERHEAD_LOAD)}.\n`,
    );
    console.log(authTable(auth));
    printGateways(gateways);
    console.log(MOODLE_HEADING);
    console.log(moodleStatsTable(moodle));
    console.log(KPI_HEADING(quick));
    console.log(kpisTable(kpis));
    console.log(`\n${summaryLine(fanRatios, ovRatios)}`);
    const [busiest] = [loadAtStart, os.loadavg()[0] ?? 0].sort((a, b) => b - a);
    if ((busiest ?? 0) > os.cpus().length) {
      console.log(
        `Note: load average ${busiest?.toFixed(1)} on ${os.cpus().length} CPUs — other work shared the machine; ` +
          'rows were interleaved, but the tails (p95, p99) carry its noise.',
      );
    }

    mkdirSync(new URL('.', OUTPUT), { recursive: true });
    const seconds = (Date.now() - started) / 1000;
    const report = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      loadAverage: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
      seconds,
      settings: {
        upstreamLatencyMs: UPSTREAM_LATENCY_MS,
        coursesPerAgency: COURSES_PER_AGENCY,
        fanoutLoad: FANOUT_LOAD,
        overheadLoad: OVERHEAD_LOAD,
        query: CATALOGUE_PAGE,
        processes: 'load generator | agency subgraphs + replay proxies (one process) | gateway (fresh process per row)',
        quick,
        profile,
      },
      fanout: fanout.map((row, i) => ({ ...row, ratioToN1: fanRatios[i] })),
      overhead: { rows: overhead, ratios: ovRatios },
      auth,
      gateways,
      moodle,
      kpis,
    };
    writeFileSync(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nWritten to ${OUTPUT.pathname} (${seconds.toFixed(0)} s).`);
  } finally {
    await agencyHost.stop();
  }
}

await main();
