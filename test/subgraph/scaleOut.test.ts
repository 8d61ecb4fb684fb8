import { createConnection } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { answerCacheConfigSchema } from '../../gateway/upstream/answerCache.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 12: two gateways over the same agencies with the same cursor secret (and, when Redis is there,
 * one shared answer cache): a cursor issued by one resumes on the other.
 */
const CODES = ['fao', 'who'];
const subgraphs: RunningAgencySubgraph[] = [];
const gateways: RunningGateway[] = [];

const redisUp = () =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port: 6379 });
    socket.once('connect', () => resolve(socket.end() !== undefined));
    socket.once('error', () => resolve(false));
  });

beforeAll(async () => {
  for (const [i, code] of CODES.entries()) {
    subgraphs.push(
      await startAgencySubgraph({
        agency: { code, name: code.toUpperCase(), lmsKind: 'custom' },
        adapter: createMemoryAdapter(memoryData(i + 1, 9 + i)),
      }),
    );
  }
  const endpoints = CODES.map((code, i) => ({
    code,
    name: code.toUpperCase(),
    lmsKind: 'custom' as const,
    url: subgraphs[i]!.url,
  }));
  const redis = await redisUp();
  if (!redis) console.warn('Redis is not on 127.0.0.1:6379: the two gateways keep their caches in memory');
  const answerCache = answerCacheConfigSchema.parse({
    ...(redis ? { redisUrl: 'redis://127.0.0.1:6379' } : {}),
    namespace: `convergence-scaleout-${process.pid}-${Date.now()}`,
  });
  for (let i = 0; i < 2; i += 1) {
    gateways.push(
      await startGateway({
        directory: new AgencyDirectory(endpoints),
        agencyTimeoutMs: 3000,
        deadlineMs: 6000,
        cursorSecret: 'shared-cursor-secret-of-both-gateways',
        answerCache,
      }),
    );
  }
});
afterAll(async () => {
  for (const gateway of gateways) await gateway.stop();
  for (const subgraph of subgraphs) await subgraph.stop();
});

type Page = {
  courses: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
};
const PAGE = `query Page($after: String) {
  courses(first: 4, after: $after, orderBy: { field: TITLE, direction: ASC }) {
    pageInfo { hasNextPage endCursor } edges { node { id } }
  }
}`;

async function page(url: string, after: string | null): Promise<Page['courses']> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PAGE, variables: { after } }),
  });
  const json = (await response.json()) as { data: Page; errors?: unknown };
  expect(json.errors).toBeUndefined();
  return json.data.courses;
}

describe('two gateways behind one load balancer', () => {
  it('resume each other’s cursors: alternating gateways walks every course exactly once, in order', async () => {
    const alone: string[] = [];
    for (let after: string | null = null; ; ) {
      const p = await page(gateways[0]!.url, after);
      alone.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    const alternating: string[] = [];
    let turn = 0;
    for (let after: string | null = null; ; turn += 1) {
      const p = await page(gateways[turn % 2]!.url, after);
      alternating.push(...p.edges.map((e) => e.node.id));
      if (!p.pageInfo.hasNextPage) break;
      after = p.pageInfo.endCursor;
    }
    expect(turn).toBeGreaterThan(2);
    expect(alternating).toEqual(alone);
    expect(new Set(alone).size).toBe(19);
  });
});
