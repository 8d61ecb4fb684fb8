import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfigSchema, createGatewayAuth } from '../../gateway/auth/index.js';
import { AgencyDirectory } from '../../gateway/directory.js';
import { limitsConfigSchema } from '../../gateway/limits/config.js';
import { type RunningGateway, SUPERGRAPH_FILE, startGateway } from '../../gateway/server.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type AgencyProxy, startAgencyProxy } from '../support/agencyProxy.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/** Issue 12: the gateway's serving layer and limits, in process, over one agency subgraph behind a counter. */
let subgraph: RunningAgencySubgraph;
let proxy: AgencyProxy;
let gateway: RunningGateway;
const logLines: Record<string, unknown>[] = [];
const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line)) });

beforeAll(async () => {
  subgraph = await startAgencySubgraph({
    agency: { code: 'who', name: 'WHO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, 30)),
  });
  proxy = await startAgencyProxy(subgraph.url);
  const directory = new AgencyDirectory([{ code: 'who', name: 'WHO', lmsKind: 'custom', url: proxy.url }]);
  gateway = await startGateway({
    directory,
    agencyTimeoutMs: 2000,
    deadlineMs: 4000,
    cursorSecret: 'test-secret-serving',
    logger,
    serving: { bodyLimitBytes: 20_000 },
  });
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.stop();
  await subgraph?.stop();
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } = {};
  try {
    json = JSON.parse(text);
  } catch {
    // left empty: the assertions say what was expected
  }
  return { status: response.status, headers: response.headers, json };
}

const codeOf = (result: Awaited<ReturnType<typeof post>>) => result.json.errors?.[0]?.extensions?.code;

describe('the gateway serving layer', () => {
  it('answers /health and /ready with plain GETs', async () => {
    const origin = new URL(gateway.url).origin;
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', agencies: 1 });
  });

  it('an agency subgraph answers /health and /ready to a plain GET too (no CSRF refusal)', async () => {
    const origin = new URL(subgraph.url).origin;
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });

  it('serves a query, echoes the caller request id, passes it to the agency and logs one line for it', async () => {
    const result = await post(
      gateway.url,
      { query: '{ courses(first: 2) { totalCount } }' },
      { 'x-request-id': 'req-abc.1' },
    );
    expect(result.status).toBe(200);
    expect(result.json.errors).toBeUndefined();
    expect(result.headers.get('x-request-id')).toBe('req-abc.1');
    expect(proxy.headers.at(-1)?.['x-request-id']).toBe('req-abc.1');
    const line = logLines.find((l) => (l.req as { id?: string } | undefined)?.id === 'req-abc.1');
    expect(line).toMatchObject({ msg: 'request', req: { method: 'POST', path: '/graphql' }, res: { status: 200 } });
    expect(JSON.stringify(line)).not.toContain('authorization');
  });

  it('generates a request id when the caller sends none (or a malformed one)', async () => {
    const result = await post(gateway.url, { query: '{ __typename }' }, { 'x-request-id': 'not a sane id' });
    expect(result.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a body over the limit 413 REQUEST_TOO_LARGE', async () => {
    const result = await post(gateway.url, { query: `{ __typename }${' '.repeat(30_000)}` });
    expect(result.status).toBe(413);
    expect(codeOf(result)).toBe('REQUEST_TOO_LARGE');
  });

  it('answers bad JSON 400 BAD_REQUEST and an unknown operation name 400 with a clear error', async () => {
    const bad = await post(gateway.url, '{"query": ');
    expect(bad.status).toBe(400);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    const unknown = await post(gateway.url, { query: 'query A { __typename }', operationName: 'B' });
    expect(unknown.status).toBe(400);
    expect(codeOf(unknown)).toBe('OPERATION_RESOLUTION_FAILURE');
    expect(unknown.json.errors?.[0]?.message).toContain('B');
  });
});

const nested = (depth: number) =>
  `{ courses(first: 1) { edges { node { agency { ${'courses(first: 1) { edges { node { agency { '.repeat(depth)} code ${'} } } } '.repeat(depth)} } } } } }`;

describe('limits, each refused with its code before any agency is asked', () => {
  const refusals: [string, string, string][] = [
    ['too deep', 'QUERY_TOO_DEEP', nested(3)],
    [
      'too many aliases',
      'TOO_MANY_ALIASES',
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: agencies { code }`).join(' ')} }`,
    ],
    [
      'too many directives',
      'TOO_MANY_DIRECTIVES',
      `{ agencies { ${Array.from({ length: 21 }, () => 'code @include(if: true)').join(' ')} } }`,
    ],
    ['too many tokens', 'TOO_MANY_TOKENS', `{ agencies { ${'code '.repeat(2001)} } }`],
    [
      'too costly',
      'QUERY_TOO_COMPLEX',
      `{ ${Array.from({ length: 10 }, (_, i) => `c${i}: courses(first: 100) { edges { node { title agency { courses(first: 100) { totalCount } } } } }`).join(' ')} }`,
    ],
  ];
  it.each(refusals)('%s: %s', async (_name, code, query) => {
    const before = proxy.count();
    const result = await post(gateway.url, { query });
    expect(result.json.errors?.[0], JSON.stringify(result.json.errors)).toMatchObject({ extensions: { code } });
    expect(result.status).toBe(400);
    expect(proxy.count()).toBe(before);
  });

  it('serves a query within every limit', async () => {
    const result = await post(gateway.url, { query: nested(1) });
    expect(result.json.errors).toBeUndefined();
  });
});

describe('CORS from auth.cors', () => {
  it("answers an allowed origin's preflight, refuses another's, and marks the answer for the allowed one", async () => {
    const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const portal = 'https://portal.example.org';
    const withCors = await startGateway({
      directory: new AgencyDirectory([{ code: 'who', name: 'WHO', lmsKind: 'custom', url: proxy.url }]),
      agencyTimeoutMs: 2000,
      deadlineMs: 4000,
      cursorSecret: 'test-secret-serving',
      supergraphSdl,
      auth: await createGatewayAuth(authConfigSchema.parse({ cors: { allowedOrigins: [portal] } }), supergraphSdl),
    });
    try {
      const preflight = (origin: string) =>
        fetch(withCors.url, {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        });
      const ok = await preflight(portal);
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(portal);
      expect((await preflight('https://elsewhere.example')).status).toBe(403);
      const call = await post(withCors.url, { query: '{ __typename }' }, { origin: portal });
      expect(call.status).toBe(200);
      expect(call.headers.get('access-control-allow-origin')).toBe(portal);
      expect(call.headers.get('access-control-expose-headers')).toContain('x-request-id');
    } finally {
      await withCors.stop();
    }
  });
});

describe('rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After once a client spends its budget', async () => {
    const limited = await startGateway({
      directory: new AgencyDirectory([{ code: 'who', name: 'WHO', lmsKind: 'custom', url: proxy.url }]),
      agencyTimeoutMs: 2000,
      deadlineMs: 4000,
      cursorSecret: 'test-secret-serving',
      limits: limitsConfigSchema.parse({ rate: { points: 3, durationSeconds: 60 } }),
    });
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof post>> | undefined;
      for (let i = 0; i < 4; i += 1) {
        last = await post(limited.url, { query: '{ __typename }' });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(codeOf(last!)).toBe('RATE_LIMITED');
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await limited.stop();
    }
  });
});
