import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { type AgencyProxy, startAgencyProxy } from '../support/agencyProxy.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 12: a gateway process told to stop (SIGTERM) stops taking new connections, lets the request in
 * flight finish, and exits 0.
 */
let subgraph: RunningAgencySubgraph;
let proxy: AgencyProxy;
let gateway: ProcessHandle;

beforeAll(async () => {
  subgraph = await startAgencySubgraph({
    agency: { code: 'who', name: 'WHO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, 12)),
  });
  proxy = await startAgencyProxy(subgraph.url);
  const config = join(tmpdir(), `convergence-drain-${process.pid}.json`);
  writeFileSync(
    config,
    JSON.stringify({
      port: 0,
      logLevel: 'warn',
      agencyTimeoutMs: 10_000,
      deadlineMs: 20_000,
      agencies: [{ code: 'who', name: 'WHO', lmsKind: 'custom', url: proxy.url }],
      serving: { drainTimeoutMs: 8_000 },
    }),
  );
  gateway = await startCliProcess('gateway', ['gateway', '--config', config]);
});
afterAll(async () => {
  await gateway?.stop();
  await proxy?.stop();
  await subgraph?.stop();
});

describe('graceful stop', () => {
  it('finishes the request in flight, refuses new connections, and exits 0', async () => {
    const origin = new URL(gateway.url).origin;
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    proxy.delayMs = 1_500;
    const before = proxy.count();
    const slow = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ courses(first: 2) { totalCount } }' }),
    });
    while (proxy.count() === before) await new Promise((resolve) => setTimeout(resolve, 20));
    const exit = new Promise<number | null>((resolve) => gateway.child.once('exit', (code) => resolve(code)));
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${origin}/health`)).rejects.toThrow();
    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { courses: { totalCount: 12 } } });
    expect(await exit).toBe(0);
  });
});
