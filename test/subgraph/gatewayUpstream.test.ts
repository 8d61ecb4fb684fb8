import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import type { AgencyBreakers } from '../../gateway/upstream/breakers.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type AgencyProxy, startAgencyProxy } from '../support/agencyProxy.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 12: what happens between the gateway and its agencies — metrics, traces, the circuit breaker and
 * collapsing of identical calls — over two real agency subgraphs behind counting proxies.
 */
const CODES = ['ilo', 'who'] as const;
const subgraphs: RunningAgencySubgraph[] = [];
const proxies: Record<string, AgencyProxy> = {};
const spans = new InMemorySpanExporter();
let gateway: RunningGateway;
let breakers: AgencyBreakers | undefined;

beforeAll(async () => {
  for (const [i, code] of CODES.entries()) {
    const subgraph = await startAgencySubgraph({
      agency: { code, name: code.toUpperCase(), lmsKind: 'custom' },
      adapter: createMemoryAdapter(memoryData(i + 1, 12)),
    });
    subgraphs.push(subgraph);
    proxies[code] = await startAgencyProxy(subgraph.url);
  }
  const directory = new AgencyDirectory(
    CODES.map((code) => ({ code, name: code.toUpperCase(), lmsKind: 'custom' as const, url: proxies[code]!.url })),
  );
  gateway = await startGateway({
    directory,
    agencyTimeoutMs: 1_000,
    deadlineMs: 2000,
    cursorSecret: 'test-secret-upstream',
    breaker: { failures: 2, halfOpenAfterMs: 300 },
    traceExporter: spans,
    onBreakers: (b) => {
      breakers = b;
    },
  });
});
afterAll(async () => {
  await gateway?.stop();
  for (const proxy of Object.values(proxies)) await proxy.stop();
  for (const subgraph of subgraphs) await subgraph.stop();
});

async function post(query: string, headers: Record<string, string> = {}, operationName?: string) {
  const started = performance.now();
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, ...(operationName ? { operationName } : {}) }),
  });
  const json = (await response.json()) as {
    data?: Record<string, unknown>;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, json, ms: performance.now() - started };
}

/** One sample of a Prometheus text exposition, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

const metricsText = async () => (await fetch(`${new URL(gateway.url).origin}/metrics`)).text();
const PAGE = 'query Page { courses(first: 3) { totalCount edges { node { title } } } }';

describe('metrics', () => {
  it('counts requests by operation and outcome, and agency fetches, matching the traffic sent', async () => {
    const before = await metricsText();
    for (let i = 0; i < 3; i += 1) expect((await post(PAGE)).json.errors).toBeUndefined();
    const hop = 'courses(first: 1) { edges { node { agency { ';
    const deep = await post(`query Deep { ${hop.repeat(4)} code ${'} } } } '.repeat(4)} }`);
    expect(deep.json.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const after = await metricsText();
    const delta = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(delta('convergence_requests_total', { operation: 'Page', outcome: 'ok' })).toBe(3);
    expect(delta('convergence_requests_total', { operation: 'Deep', outcome: 'refused' })).toBe(1);
    expect(delta('convergence_request_duration_seconds_count', { operation: 'Page' })).toBe(3);
    for (const agency of CODES) {
      expect(delta('convergence_agency_fetch_duration_seconds_count', { agency })).toBe(3);
    }
    expect(sample(after, 'convergence_directory_agencies', {})).toBe(0); // a gauge without labels: no `{`
    expect(after).toMatch(/^convergence_directory_agencies 2$/m);
    expect(after).not.toMatch(/email|subject|authorization/i);
  });
});

describe('tracing', () => {
  it("continues the caller's trace, with one span per agency fetch and the trace id sent to each agency", async () => {
    spans.reset();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const result = await post(PAGE, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(result.json.errors).toBeUndefined();
    const finished = spans.getFinishedSpans();
    const agencySpans = finished.filter((s) => s.name.startsWith('agency '));
    expect(agencySpans.map((s) => s.name).sort()).toEqual(['agency ilo', 'agency who']);
    for (const span of finished) expect(span.spanContext().traceId).toBe(traceId);
    for (const agency of CODES) expect(String(proxies[agency]!.headers.at(-1)?.traceparent)).toContain(traceId);
  });
});

describe('collapsing identical calls', () => {
  it('sends N identical concurrent queries to each agency once', async () => {
    const who = proxies.who!;
    who.delayMs = 200;
    try {
      const before = who.count();
      const results = await Promise.all(Array.from({ length: 8 }, () => post(PAGE)));
      for (const r of results) expect(r.json.errors).toBeUndefined();
      expect(new Set(results.map((r) => JSON.stringify(r.json.data))).size).toBe(1);
      expect(who.count() - before).toBe(1);
    } finally {
      who.delayMs = 0;
    }
  });
});

describe('circuit breaker', () => {
  it('stops calling an agency that keeps timing out, answers for it at once with its path, and recovers', async () => {
    const who = proxies.who!;
    who.delayMs = 2_500;
    try {
      for (let i = 0; i < 2; i += 1) {
        const slow = await post(PAGE);
        expect(slow.json.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_TIMEOUT', agency: 'who' });
      }
      const calls = who.count();
      const fast = await post(PAGE);
      expect(who.count()).toBe(calls);
      expect(fast.json.errors?.[0]).toMatchObject({
        path: ['courses'],
        extensions: { code: 'AGENCY_UNAVAILABLE', agency: 'who' },
      });
      // The agency was not called (above), so nothing waited for its timeout; the time is shown, not asserted.
      console.log(`answered for a tripped agency in ${fast.ms.toFixed(0)} ms (agency timeout 1000 ms)`);
      expect((fast.json.data?.courses as { totalCount: number } | undefined)?.totalCount).toBe(12);
    } finally {
      who.delayMs = 0;
    }
    await new Promise((resolve) => setTimeout(resolve, 350));
    const back = await post(PAGE);
    expect(back.json.errors).toBeUndefined();
  });

  it('is held open while the registry reports the agency down, and released when it is up', async () => {
    breakers!.reportHealth('ilo', true);
    const calls = proxies.ilo!.count();
    const down = await post(PAGE);
    expect(down.json.errors?.[0]?.extensions).toMatchObject({ code: 'AGENCY_UNAVAILABLE', agency: 'ilo' });
    expect(proxies.ilo!.count()).toBe(calls);
    breakers!.reportHealth('ilo', false);
    expect((await post(PAGE)).json.errors).toBeUndefined();
  });
});
