import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@redis/client';
import { Keyv } from 'keyv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../schema/config/secret.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { type ProcessHandle, startCliProcess } from '../../subgraphs/cli/processes.js';
import { type RunningRegistry, startRegistry } from '../../subgraphs/registry/server.js';
import { RegistryStore } from '../../subgraphs/registry/store/registryStore.js';
import { type AgencyProxy, startAgencyProxy } from '../support/agencyProxy.js';
import { envRef } from '../support/cliRun.js';
import { ALLOW_LOOPBACK } from '../support/loopback.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';
import { reachable } from '../support/reachable.js';

/**
 * Issue 12, scale-out: two real gateway processes behind one registry, with the same cursor secret and the
 * same Redis. A cursor issued by one resumes on the other; an agency answer cached by one is served by the
 * other (the agency is asked once, counted by a proxy in front of it); a client's rate budget is shared.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';
const redisUp = await reachable(6379);
if (!redisUp) console.warn('Redis is not running on 127.0.0.1:6379: the two-gateway scale-out e2e is skipped.');

const TOKEN = 'scale-out-admin-token-0123456789';
const PREFIX = `convergence-ops-scaleout-${randomUUID()}`;
const RATE_POINTS = 25;
const COURSES = 11;
const configPath = join(tmpdir(), `convergence-scaleout-${process.pid}.json`);

let registry: RunningRegistry;
let subgraph: RunningAgencySubgraph;
let proxy: AgencyProxy;
const gateways: ProcessHandle[] = [];
/** GraphQL requests this client has sent to either gateway: what its shared rate budget has paid for. */
let sent = 0;

async function ask(gateway: ProcessHandle, query: string, variables: Record<string, unknown> = {}) {
  sent += 1;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  return { status: response.status, json };
}

/** Redis keys of this run: the answer cache's and the rate limiter's. */
async function redisKeys(): Promise<string[]> {
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${PREFIX}*` })) keys.push(...batch);
  client.destroy();
  return keys;
}

beforeAll(async () => {
  if (!redisUp) return;
  subgraph = await startAgencySubgraph({
    agency: { code: 'who', name: 'WHO', lmsKind: 'custom' },
    adapter: createMemoryAdapter(memoryData(1, COURSES)),
  });
  proxy = await startAgencyProxy(subgraph.url);
  registry = await startRegistry({
    ...ALLOW_LOOPBACK,
    store: new RegistryStore(new Keyv()),
    adminToken: new Secret(TOKEN),
    health: { intervalMs: 60_000 },
  });
  const registered = await fetch(registry.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({
      query: 'mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { status } }',
      variables: {
        input: { code: 'who', name: 'WHO', lmsKind: 'CUSTOM', subgraphUrl: proxy.url, contact: 'learning@who.int' },
      },
    }),
  });
  expect(await registered.json()).toEqual({ data: { registerAgency: { status: 'ACTIVE' } } });
  writeFileSync(
    configPath,
    JSON.stringify({
      port: 0,
      logLevel: 'warn',
      cursorSecret: envRef('SCALE_OUT_CURSOR_SECRET'),
      registry: { url: registry.url, token: envRef('REGISTRY_TOKEN'), pollIntervalMs: 500 },
      answerCache: { redisUrl: REDIS_URL, namespace: `${PREFIX}-answers` },
      // No redisUrl here: the rate budget follows the answer cache's Redis.
      limits: { rate: { points: RATE_POINTS, durationSeconds: 600, keyPrefix: `${PREFIX}-rate` } },
    }),
  );
  const env = { SCALE_OUT_CURSOR_SECRET: `shared-${randomUUID()}`, REGISTRY_TOKEN: TOKEN };
  const started = await Promise.all([
    startCliProcess('gateway-a', ['gateway', '--config', configPath], { env }),
    startCliProcess('gateway-b', ['gateway', '--config', configPath], { env }),
  ]);
  gateways.push(...started);
});

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await registry?.stop();
  await proxy?.stop();
  await subgraph?.stop();
  rmSync(configPath, { force: true });
  if (!redisUp) return;
  const keys = await redisKeys();
  if (keys.length > 0) {
    const client = createClient({ url: REDIS_URL });
    await client.connect();
    await client.del(keys);
    client.destroy();
  }
});

type Page = { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
// Signed-in callers are never served from the cache; these anonymous pages are cached, so each walk
// uses its own page size (a different query, a different cache entry).
const pageQuery = (size: number) => `query Page($after: String) {
  courses(first: ${size}, after: $after, orderBy: { field: TITLE, direction: ASC }) {
    pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

async function walk(pick: (turn: number) => ProcessHandle, size: number): Promise<string[]> {
  const ids: string[] = [];
  for (let turn = 0, after: string | null = null; ; turn += 1) {
    const { status, json } = await ask(pick(turn), pageQuery(size), { after });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    const page = json.data?.courses as Page;
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

describe.runIf(redisUp)('two gateway processes behind one registry, one cursor secret, one Redis', () => {
  it('both follow the registry: each is ready with its one agency', async () => {
    for (const gateway of gateways) {
      const ready = await fetch(`${new URL(gateway.url).origin}/ready`);
      expect(await ready.json()).toMatchObject({ status: 'ready', agencies: 1 });
    }
  });

  it("resume each other's cursors: alternating gateways walks every course once, in order", async () => {
    const alone = await walk(() => gateways[0]!, 3);
    const alternating = await walk((turn) => gateways[turn % 2]!, 4);
    expect(new Set(alone).size).toBe(COURSES);
    expect(alternating).toEqual(alone);
  });

  it('serve an answer cached by one from the other: the agency is asked once', async () => {
    const query =
      '{ courses(first: 2, orderBy: { field: TITLE, direction: DESC }) { totalCount edges { node { id } } } }';
    const before = proxy.count();
    const first = await ask(gateways[0]!, query);
    expect(first.json.errors).toBeUndefined();
    expect(proxy.count()).toBe(before + 1);
    // The first gateway stores the answer after answering: wait until it is in Redis (keys hold the agency
    // request's body, and only this query asks for DESC).
    while (!(await redisKeys()).some((key) => key.startsWith(`${PREFIX}-answers`) && key.includes('DESC'))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const second = await ask(gateways[1]!, query);
    expect(second.json).toEqual(first.json);
    expect(proxy.count()).toBe(before + 1);
  });

  it("share one client's rate budget: across both, exactly the configured points are served", async () => {
    const refused: number[] = [];
    while (refused.length === 0) {
      const { status } = await ask(gateways[sent % 2]!, '{ __typename }');
      if (status === 429) refused.push(sent);
      else expect(status).toBe(200);
    }
    expect(refused[0]).toBe(RATE_POINTS + 1);
  });
});
