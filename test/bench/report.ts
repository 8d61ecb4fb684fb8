import { loopBusy, type UsageDelta } from './child.js';
import type { GatewayRow, GatewaysResult } from './gateways.js';
import type { LoadResult } from './load.js';

export interface FanoutRow {
  readonly series: 'subgraphs' | 'replay';
  readonly agencies: number;
  readonly load: LoadResult;
  readonly gateway: UsageDelta;
  readonly agencyHost: UsageDelta;
}

export interface OverheadRow {
  readonly target: 'direct' | 'gateway';
  readonly load: LoadResult;
  readonly process: UsageDelta;
}

const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const ratio = (value: number, base: number) => (base > 0 ? value / base : Number.NaN);

/** A Markdown table: the first `textColumns` columns left-aligned, the numbers right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[], textColumns = 1): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => (i < textColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => `${'-'.repeat(w + 1)}${i < textColumns ? '-' : ':'}`).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export interface FanoutRatios {
  readonly series: FanoutRow['series'];
  readonly agencies: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** Each row against the N = 1 row of its own series. */
export function fanoutRatios(rows: readonly FanoutRow[]): FanoutRatios[] {
  return rows.map((r) => {
    const base = rows.find((b) => b.series === r.series && b.agencies === 1)?.load;
    return {
      series: r.series,
      agencies: r.agencies,
      p50: ratio(r.load.p50, base?.p50 ?? 0),
      p95: ratio(r.load.p95, base?.p95 ?? 0),
      p99: ratio(r.load.p99, base?.p99 ?? 0),
    };
  });
}

export function fanoutTable(rows: readonly FanoutRow[]): string {
  const ratios = fanoutRatios(rows);
  return table(
    [
      'agencies',
      'series',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'req/s',
      'p50 ×N1',
      'p95 ×N1',
      'p99 ×N1',
      'gw CPU ms/req',
      'gw loop busy',
      'agencies CPU ms/req',
      'agencies loop busy',
    ],
    rows.map((r, i) => [
      `N = ${r.agencies}`,
      r.series,
      fixed(r.load.p50),
      fixed(r.load.p95),
      fixed(r.load.p99),
      fixed(r.load.rps, 0),
      fixed(ratios[i]?.p50 ?? Number.NaN, 2),
      fixed(ratios[i]?.p95 ?? Number.NaN, 2),
      fixed(ratios[i]?.p99 ?? Number.NaN, 2),
      fixed(r.gateway.cpuMs / r.load.requests, 2),
      `${fixed(loopBusy(r.gateway) * 100, 0)}%`,
      fixed(r.agencyHost.cpuMs / r.load.requests, 2),
      `${fixed(loopBusy(r.agencyHost) * 100, 0)}%`,
    ]),
    2,
  );
}

export interface OverheadRatios {
  /** Gateway throughput over direct throughput (1 = no cost). */
  readonly throughput: number;
  readonly p50: number;
  readonly p99: number;
}

export function overheadRatios(direct: LoadResult, gateway: LoadResult): OverheadRatios {
  return {
    throughput: ratio(gateway.rps, direct.rps),
    p50: ratio(gateway.p50, direct.p50),
    p99: ratio(gateway.p99, direct.p99),
  };
}

export function overheadTable(rows: readonly OverheadRow[]): string {
  return table(
    ['target (N = 1, no injected latency)', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'process CPU ms/req', 'loop busy'],
    rows.map((r) => [
      r.target === 'direct' ? 'agency subgraph, direct' : 'gateway → agency subgraph',
      fixed(r.load.rps, 0),
      fixed(r.load.p50, 2),
      fixed(r.load.p95, 2),
      fixed(r.load.p99, 2),
      fixed(r.process.cpuMs / r.load.requests, 3),
      `${fixed(loopBusy(r.process) * 100, 0)}%`,
    ]),
  );
}

export function summaryLine(fanout: readonly FanoutRatios[], overhead: OverheadRatios): string {
  const fan = (series: FanoutRow['series']) =>
    fanout
      .filter((r) => r.series === series && r.agencies !== 1)
      .map((r) => `N=${r.agencies} p50 ×${fixed(r.p50, 2)} p95 ×${fixed(r.p95, 2)} p99 ×${fixed(r.p99, 2)}`)
      .join(', ');
  return (
    `fan-out vs N=1 (aim ≤ 1.2 at N=16) — subgraphs: ${fan('subgraphs')}; replay: ${fan('replay')}. ` +
    `gateway vs direct — throughput ×${fixed(overhead.throughput, 2)}, p50 ×${fixed(overhead.p50, 2)}, p99 ×${fixed(overhead.p99, 2)}.`
  );
}

const mb = (bytes: number | undefined) => (bytes === undefined ? '–' : fixed(bytes / 1_048_576, 0));

const GATEWAY_LABELS: Record<GatewayRow['target'], string> = {
  direct: 'agency subgraph, direct',
  convergence: 'Convergence gateway',
  'convergence-cached': 'Convergence gateway, answer cache on',
  apollo: 'stock @apollo/gateway',
  hive: 'Hive Gateway',
};

/** Each gateway's throughput over direct's at the same connections (1 = no cost). */
export function gatewayRatio(rows: readonly GatewayRow[], row: GatewayRow): number {
  const direct = rows.find((r) => r.target === 'direct' && r.connections === row.connections);
  return ratio(row.load.rps, direct?.load.rps ?? 0);
}

export function gatewaysTable(result: GatewaysResult): string {
  const { rows, fleet } = result;
  return table(
    [
      'target (one agency subgraph, no injected latency)',
      'conns',
      'req/s',
      'p50 ms',
      'p99 ms',
      '×direct req/s',
      'RSS MB',
      'peak RSS MB',
      'JS heap MB',
    ],
    [
      ...rows.map((r) => [
        GATEWAY_LABELS[r.target],
        String(r.connections),
        fixed(r.load.rps, 0),
        fixed(r.load.p50, 2),
        fixed(r.load.p99, 2),
        r.target === 'direct' ? '1' : fixed(gatewayRatio(rows, r), 2),
        mb(r.rssBytes),
        mb(r.maxRssBytes),
        mb(r.heapUsedBytes),
      ]),
      [
        `Convergence gateway, ${fleet.agencies} agencies in the directory`,
        String(fleet.connections),
        fixed(fleet.load.rps, 0),
        fixed(fleet.load.p50, 2),
        fixed(fleet.load.p99, 2),
        '–',
        mb(fleet.rssBytes),
        mb(fleet.maxRssBytes),
        mb(fleet.heapUsedBytes),
      ],
    ],
  );
}

export function gatewaysSummary(result: GatewaysResult): string {
  const at = (target: GatewayRow['target'], connections: number) =>
    result.rows.find((r) => r.target === target && r.connections === connections);
  const parts = [1, 16].map((c) => {
    const conv = at('convergence', c);
    const versus = (target: GatewayRow['target']) => {
      const other = at(target, c);
      return conv && other ? fixed(ratio(conv.load.rps, other.load.rps), 2) : '–';
    };
    const vsDirect = conv ? fixed(gatewayRatio(result.rows, conv), 2) : '–';
    const cached = at('convergence-cached', c);
    const cachedVs = (target: GatewayRow['target']) => {
      const other = at(target, c);
      return cached && other ? fixed(ratio(cached.load.rps, other.load.rps), 2) : '–';
    };
    return (
      `${c} conn: Convergence/direct ×${vsDirect}, Convergence/@apollo/gateway ×${versus('apollo')}, Convergence/Hive ×${versus('hive')}; ` +
      `with its answer cache: /@apollo/gateway ×${cachedVs('apollo')}, /Hive ×${cachedVs('hive')}`
    );
  });
  return (
    `gateways — ${parts.join('; ')} (aim ≥ 0.7 vs direct at 16). ` +
    `RSS with ${result.fleet.agencies} agencies under load: ${mb(result.fleet.rssBytes)} MB, peak ${mb(result.fleet.maxRssBytes)} MB (aim ≤ 250).`
  );
}
