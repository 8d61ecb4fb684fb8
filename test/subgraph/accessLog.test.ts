import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { RegistryDirectorySource } from '../../gateway/registrySource.js';
import { Secret } from '../../schema/config/secret.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { startCurriculum } from '../../subgraphs/curriculum/server.js';
import { InsightsStore } from '../../subgraphs/insights/store/insightsStore.js';
import { startInsightsSubgraph } from '../../subgraphs/insights/subgraph/server.js';
import { type RunningRegistry, startRegistry } from '../../subgraphs/registry/server.js';
import { RegistryStore } from '../../subgraphs/registry/store/registryStore.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 12: every process on the shared serving layer writes one structured access-log line per request
 * (request id generated when absent and echoed, operation, outcome, duration; no tokens) — here the
 * registry, whose gateways' directory polls go to `debug`, an agency subgraph, the curriculum and the insights subgraphs.
 */
const TOKEN = 'access-log-admin-token-0123456789';
type Line = Record<string, unknown> & { level: number; req?: { id?: string } };
const lines: Line[] = [];
const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
const linesOf = (id: string) => lines.filter((l) => l.req?.id === id);

let registry: RunningRegistry;
let agency: RunningAgencySubgraph;

beforeAll(async () => {
  registry = await startRegistry({
    store: new RegistryStore(new Keyv()),
    adminToken: new Secret(TOKEN),
    health: { intervalMs: 60_000 },
    logger,
  });
  agency = await startAgencySubgraph({
    agency: { code: 'who', name: 'WHO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, 3)),
    logger,
  });
});
afterAll(async () => {
  await agency?.stop();
  await registry?.stop();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  await response.text();
  // The line is written when the answer has been sent: wait for it rather than for a time.
  const id = response.headers.get('x-request-id') ?? '';
  for (let i = 0; i < 100 && linesOf(id).length === 0; i += 1) await new Promise((r) => setImmediate(r));
  return { status: response.status, id };
}

describe('the registry access log', () => {
  it('echoes the caller request id and writes one line with method, path, status, duration, operation, outcome', async () => {
    const answer = await post(
      registry.url,
      { query: 'query Agencies { registeredAgencies { code } }' },
      { 'x-request-id': 'registry-req-1', authorization: `Bearer ${TOKEN}` },
    );
    expect(answer).toEqual({ status: 200, id: 'registry-req-1' });
    const logged = linesOf('registry-req-1');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 30,
      msg: 'request',
      req: { id: 'registry-req-1', method: 'POST', path: '/' },
      res: { status: 200 },
      operation: 'Agencies',
      outcome: 'ok',
    });
    expect(typeof logged[0]?.responseTime).toBe('number');
    expect(JSON.stringify(logged[0])).not.toContain(TOKEN);
    expect(JSON.stringify(logged[0])).not.toContain('authorization');
  });

  it('generates a request id when the caller sends none, and logs a refused mutation as an error', async () => {
    const answer = await post(registry.url, {
      query: 'mutation Suspend { suspendAgency(code: "who") { code } }',
    });
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(answer.id)).toEqual([expect.objectContaining({ operation: 'Suspend', outcome: 'error' })]);
  });

  it('logs health and readiness probes at debug while they succeed', async () => {
    const origin = new URL(registry.url).origin;
    for (const path of ['/health', '/ready']) {
      const response = await fetch(`${origin}${path}`, {
        headers: { 'x-request-id': `probe${path.replace('/', '-')}` },
      });
      expect(response.status).toBe(200);
    }
    await post(registry.url, { query: '{ __typename }' }, { 'x-request-id': 'after-probes' });
    expect([...linesOf('probe-health'), ...linesOf('probe-ready')].map((l) => [l.req, l.level])).toEqual([
      [{ id: 'probe-health', method: 'GET', path: '/health' }, 20],
      [{ id: 'probe-ready', method: 'GET', path: '/ready' }, 20],
    ]);
  });

  it("logs a gateway's directory poll at debug, not info", async () => {
    const before = lines.length;
    const source = new RegistryDirectorySource(new AgencyDirectory([]), {
      url: registry.url,
      token: TOKEN,
      pollIntervalMs: 60_000,
    });
    await source.start();
    source.stop();
    const polls = lines.slice(before).filter((l) => l.msg === 'request');
    expect(polls.map((l) => [l.operation, l.outcome, l.level])).toEqual(
      expect.arrayContaining([['GatewayDirectory', 'ok', 20]]),
    );
    expect(polls.every((l) => l.level === 20)).toBe(true);
  });
});

describe('an agency subgraph access log', () => {
  it('is the same line, from the same serving layer', async () => {
    const answer = await post(agency.url, { query: 'query Count { courses(first: 1) { totalCount } }' });
    expect(linesOf(answer.id)).toEqual([
      expect.objectContaining({ msg: 'request', res: { status: 200 }, operation: 'Count', outcome: 'ok' }),
    ]);
  });
});

describe('the curriculum subgraph', () => {
  it('is served by the same layer: /health, the echoed request id and the same line', async () => {
    await using curriculum = await startCurriculum({ agencies: [], refreshIntervalMs: 3_600_000, logger });
    expect((await fetch(`${new URL(curriculum.url).origin}/health`)).status).toBe(200);
    const answer = await post(
      curriculum.url,
      { query: 'query Status { curriculumStatus { __typename } }' },
      { 'x-request-id': 'curriculum-req-1' },
    );
    expect(answer).toEqual({ status: 200, id: 'curriculum-req-1' });
    expect(linesOf('curriculum-req-1')).toEqual([
      expect.objectContaining({ msg: 'request', operation: 'Status', outcome: 'ok' }),
    ]);
  });
});

describe('the insights subgraph', () => {
  it('is served by the same layer: /health, the echoed request id and the same line', async () => {
    const store = await InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'access-log-test' });
    try {
      await using insights = await startInsightsSubgraph({ store, logger });
      expect((await fetch(`${new URL(insights.url).origin}/health`)).status).toBe(200);
      const answer = await post(
        insights.url,
        { query: 'query Typename { __typename }' },
        { 'x-request-id': 'insights-1' },
      );
      expect(answer).toEqual({ status: 200, id: 'insights-1' });
      expect(linesOf('insights-1')).toEqual([
        expect.objectContaining({ msg: 'request', operation: 'Typename', outcome: 'ok' }),
      ]);
    } finally {
      await store.close();
    }
    // Opening PGlite (WebAssembly PostgreSQL) takes seconds.
  }, 60_000);
});
