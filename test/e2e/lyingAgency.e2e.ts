import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { graphql } from '../support/graphql.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 11: a registered agency that lies is not trusted. A real gateway process serves two agencies: `fao`
 * (honest) and `liar`, a loopback proxy in front of an honest agency subgraph that tampers with each
 * answer in one way at a time. Every lie is caught and named, `fao`'s part is still served, and nothing of
 * the lie (stack lines, internal addresses, tokens, megabytes) reaches the client.
 */
const SECRET = 'tok-5ecret-4242';
const INTERNAL = '10.20.30.40';
type Json = Record<string, unknown>;
type Lie = (answer: { data?: Json | null; errors?: unknown[] }) => unknown;

let lie: Lie | undefined;
let fao: RunningAgencySubgraph;
let honestLiar: RunningAgencySubgraph;
let proxy: http.Server;
let gateway: ProcessHandle;
const dir = mkdtempSync(join(tmpdir(), 'lying-agency-'));

/** Applies `change` to every property named `key`, at any depth. */
function everywhere(value: unknown, key: string, change: (parent: Json) => void): void {
  if (Array.isArray(value)) for (const item of value) everywhere(item, key, change);
  else if (value && typeof value === 'object') {
    if (key in value) change(value as Json);
    for (const child of Object.values(value)) everywhere(child, key, change);
  }
}

const LIES: Record<string, Lie> = {
  'spoofed ids': (answer) => JSON.parse(JSON.stringify(answer).replaceAll('"liar:course:', '"fao:course:')),
  'a count of the wrong type': (answer) => {
    everywhere(answer.data, 'totalCount', (parent) => {
      parent.totalCount = 'lots';
    });
    return answer;
  },
  'a missing field': (answer) => {
    everywhere(answer.data, 'title', (parent) => {
      delete parent.title;
    });
    return answer;
  },
  'stack traces, addresses and tokens in errors': (answer) => ({
    ...answer,
    errors: [
      {
        message: `Error: connect ECONNREFUSED ${INTERNAL}:5432\n    at TCPConnectWrap.afterConnect (/srv/liar/node_modules/pg/lib/client.js:132:7)\n    GET https://lms.liar.internal/webservice?wstoken=${SECRET}`,
        path: ['courses'],
        extensions: { code: 'LMS_UNAVAILABLE', stacktrace: [`at /srv/liar/app.js ${SECRET}`], secret: SECRET },
      },
    ],
  }),
  // Over the gateway's 8 MB answer cap.
  'a huge error message': (answer) => ({
    ...answer,
    errors: [{ message: `${SECRET} ${'x'.repeat(9 * 1024 * 1024)}`, extensions: { code: 'BAD_USER_INPUT' } }],
  }),
};

beforeAll(async () => {
  fao = await startAgencySubgraph({
    agency: { code: 'fao', name: 'FAO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(5, 8)),
  });
  honestLiar = await startAgencySubgraph({
    agency: { code: 'liar', name: 'Liar', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(6, 8)),
  });
  proxy = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    const upstream = await fetch(honestLiar.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const answer = (await upstream.json()) as { data?: Json | null; errors?: unknown[] };
    const told = JSON.stringify(lie && !body.includes('_service') ? lie(answer) : answer);
    res.writeHead(200, { 'content-type': 'application/json' }).end(told);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const gatewayPath = join(dir, 'gateway.json');
  writeFileSync(
    gatewayPath,
    JSON.stringify({
      port: 0,
      logLevel: 'warn',
      agencyTimeoutMs: 5_000,
      agencies: [
        { code: 'fao', name: 'FAO', lmsKind: 'CUSTOM', url: fao.url },
        { code: 'liar', name: 'Liar', lmsKind: 'CUSTOM', url: `http://127.0.0.1:${port}/` },
      ],
    }),
  );
  gateway = await startCliProcess('lying-agency-gateway', ['gateway', '--config', gatewayPath]);
});
afterAll(async () => {
  await Promise.all([gateway?.stop(), fao?.stop(), honestLiar?.stop()]);
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const QUERY = '{ courses(first: 50) { totalCount edges { node { id title } } } }';
type Answer = {
  courses: { totalCount: number; edges: { node: { id: string; title: string } }[] } | null;
};

describe('a lying agency', () => {
  it('is served honestly when it tells the truth: 16 courses, 8 from each', async () => {
    lie = undefined;
    const result = await graphql<Answer>(gateway.url, QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data?.courses?.totalCount).toBe(16);
  });

  it.each(Object.keys(LIES))('is caught, named and leaks nothing: %s', async (name) => {
    lie = LIES[name];
    const result = await graphql<Answer>(gateway.url, QUERY);
    const text = JSON.stringify(result);
    // Caught and named.
    const named = (result.errors ?? []).filter((e) => e.extensions?.agency === 'liar');
    expect(named.length, text.slice(0, 2000)).toBeGreaterThan(0);
    if (name !== 'stack traces, addresses and tokens in errors') {
      expect(named.map((e) => e.extensions?.code)).toContain('AGENCY_BAD_RESPONSE');
    }
    expect((result.errors ?? []).every((e) => e.extensions?.agency === 'liar')).toBe(true);
    // Nothing of the lie reaches the client.
    for (const leak of [SECRET, INTERNAL, '/srv/', 'at TCPConnectWrap', 'stacktrace', 'xxxxxxxxxx']) {
      expect(text).not.toContain(leak);
    }
    expect(text.length).toBeLessThan(100_000);
    // The honest agency's part is served; no course of fao is served by the liar.
    const ids = result.data?.courses?.edges.map((e) => e.node.id) ?? [];
    expect(ids.filter((id) => id.startsWith('fao:'))).toHaveLength(8);
    expect(new Set(ids).size).toBe(ids.length);
    // A count summed over agencies (totalCount) keeps the honest agency's part, whatever the liar sent.
    expect(result.data?.courses?.totalCount).toBeGreaterThanOrEqual(8);
    console.log(`lie "${name}": ${named.map((e) => `${e.extensions?.code}: ${e.message}`).join(' | ')}`);
  });
});
