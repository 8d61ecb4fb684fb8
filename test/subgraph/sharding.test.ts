import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LMS_CAPABILITIES, type LmsAdapter } from '../../adapters/core/adapter.js';
import { wrapAdapter } from '../../adapters/core/factory.js';
import { AgencyDirectory } from '../../gateway/directory.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { CourseOrderField } from '../../schema/model/enums.js';
import { compareSortKeys, decodeSortKeyCursor } from '../../schema/ordering.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

const CODES = ['fao', 'ilo', 'unep', 'who'];
let gateway: RunningGateway;
const subgraphs: RunningAgencySubgraph[] = [];
const adapters = new Map<string, LmsAdapter>();

async function query<T = Record<string, unknown>>(url: string, q: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: q, variables }),
  });
  return (await response.json()) as { data: T; errors?: { message: string; extensions: Record<string, unknown> }[] };
}

const directory = new AgencyDirectory();

beforeAll(async () => {
  for (const [i, code] of CODES.entries()) {
    const adapter = createMemoryAdapter(memoryData(i + 1, 20 + i * 3));
    adapters.set(code, adapter);
    const running = await startAgencySubgraph({
      agency: { code, name: code.toUpperCase(), lmsKind: 'custom' },
      adapter,
    });
    subgraphs.push(running);
  }
  directory.replace(
    CODES.map((code, i) => ({ code, name: code.toUpperCase(), lmsKind: 'custom', url: subgraphs[i]!.url })),
  );
  gateway = await startGateway({ directory, agencyTimeoutMs: 2000, deadlineMs: 4000, cursorSecret: 'test-secret' });
});

afterAll(async () => {
  await gateway?.stop();
  await Promise.all(subgraphs.map((s) => s.stop()));
});

const PAGE = `query Page($first: Int, $after: String, $order: CourseOrder) {
  courses(first: $first, after: $after, orderBy: $order) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title agency { code } } }
  }
}`;

type PageData = {
  courses: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; title: string; agency: { code: string } } }[];
  };
};

describe('sharded catalogue through the gateway (in-process)', () => {
  it('pages through every course exactly once, in merged order', async () => {
    for (const field of Object.values(CourseOrderField)) {
      for (const direction of ['ASC', 'DESC']) {
        const seen: string[] = [];
        let after: string | null = null;
        let total = -1;
        for (let guard = 0; guard < 100; guard++) {
          const res: Awaited<ReturnType<typeof query<PageData>>> = await query<PageData>(gateway.url, PAGE, {
            first: 7,
            after,
            order: { field, direction },
          });
          expect(res.errors).toBeUndefined();
          total = res.data.courses.totalCount;
          seen.push(...res.data.courses.edges.map((e) => e.node.id));
          if (!res.data.courses.pageInfo.hasNextPage) break;
          after = res.data.courses.pageInfo.endCursor;
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(total);
        // The merged sequence equals the merge of each agency's own listing.
        const perAgency = await Promise.all(
          subgraphs.map((s) => query<PageData>(s.url, PAGE, { first: 100, order: { field, direction } })),
        );
        const all = perAgency.flatMap((r) => r.data.courses.edges.map((e) => decodeSortKeyCursor(e.cursor)!));
        all.sort((a, b) => compareSortKeys(a, b, direction === 'DESC'));
        expect(seen).toEqual(all.map((key) => key[1]));
      }
    }
    // About 140 round trips through the gateway: more than the default 5 s on a loaded 2-core machine.
  }, 30_000);

  it('refuses a tampered cursor with INVALID_CURSOR', async () => {
    const res = await query(gateway.url, PAGE, { first: 3, after: 'c1.abc.def.ghi' });
    expect(res.errors?.[0]?.extensions.code).toBe('INVALID_CURSOR');
  });

  it('sums stats and recomputes the completion rate from the sums', async () => {
    const res = await query<{
      liveLearningStats: { enrollmentCount: number; completedCount: number; completionRate: number };
    }>(gateway.url, '{ liveLearningStats { completionRate enrollmentCount completedCount } }');
    expect(res.errors).toBeUndefined();
    const s = res.data.liveLearningStats;
    expect(s.enrollmentCount).toBe(48);
    expect(s.completionRate).toBeCloseTo(s.completedCount / s.enrollmentCount);
  });
});

/** A loopback HTTP proxy in front of a subgraph that counts the requests it forwards. */
async function countingProxy(target: string) {
  let requests = 0;
  const server = http.createServer(async (req, res) => {
    requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('entity fetches through the sharding data source', () => {
  it('sends each agency only its representations, once, and answers in representation order', async () => {
    const { ShardingDataSource } = await import('../../gateway/sharding/dataSource.js');
    const { CursorCodec } = await import('../../gateway/sharding/cursor.js');
    const proxies = await Promise.all(subgraphs.map((s) => countingProxy(s.url)));
    const directory = new AgencyDirectory(
      CODES.map((code, i) => ({ code, name: code, lmsKind: 'custom', url: proxies[i]!.url })),
    );
    const source = new ShardingDataSource({
      directory,
      codec: new CursorCodec('x'.repeat(16)),
      agencyTimeoutMs: 2000,
      deadlineMs: 4000,
    });
    const representations = [
      { __typename: 'Course', id: 'who:course:2' },
      { __typename: 'Course', id: 'fao:course:5' },
      { __typename: 'Agency', code: 'ilo' },
      { __typename: 'Course', id: 'who:course:1' },
      { __typename: 'Course', id: 'fao:course:5' },
      { __typename: 'Course', id: 'zzz:course:1' },
      { __typename: 'Course', id: 'unep:course:999' },
    ];
    try {
      const response = await source.process({
        kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
        context: {},
        request: {
          query:
            'query($representations:[_Any!]!){_entities(representations:$representations){...on Course{id title}...on Agency{code}}}',
          variables: { representations },
        },
      });
      const entities = response.data?._entities as ({ id?: string; code?: string } | null)[];
      expect(entities.map((e) => e?.id ?? e?.code ?? null)).toEqual([
        'who:course:2',
        'fao:course:5',
        'ilo',
        'who:course:1',
        'fao:course:5',
        null,
        null,
      ]);
      expect(response.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 5], 'NOT_FOUND']]);
      expect(proxies.map((p) => p.requests)).toEqual([1, 1, 1, 1]);
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
  });
});

describe('an agency answering garbage', () => {
  it('leaves the others answering, with one AGENCY_BAD_RESPONSE naming it; swapping the directory needs no restart', async () => {
    const garbage = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Service temporarily moved</html>');
    });
    await new Promise<void>((resolve) => garbage.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(garbage.address() as AddressInfo).port}/`;
    const healthy = directory.active();
    const total = '{ courses(first: 1) { totalCount } }';
    const before = await query<{ courses: { totalCount: number } }>(gateway.url, total);
    directory.replace([...healthy, { code: 'unhcr', name: 'UNHCR', lmsKind: 'custom', url }]);
    try {
      const result = await query<{ courses: { totalCount: number } }>(gateway.url, total);
      expect(result.errors?.map((e) => [e.extensions.code, e.extensions.agency])).toEqual([
        ['AGENCY_BAD_RESPONSE', 'unhcr'],
      ]);
      expect(result.data.courses.totalCount).toBe(before.data.courses.totalCount);
      expect(JSON.stringify(result)).not.toMatch(/Service temporarily moved/);
    } finally {
      directory.replace(healthy);
      garbage.close();
    }
    expect((await query(gateway.url, total)).errors).toBeUndefined();
  });
});

describe('an agency whose LMS lacks a capability', () => {
  it('is left out of that field with one error naming it, while the others are summed and listed as covered', async () => {
    // Built by the factory's wrapper, like every adapter: statistics not declared.
    const adapter = wrapAdapter(
      { kind: 'custom', capabilities: new Set(LMS_CAPABILITIES.filter((c) => c !== 'stats')) },
      createMemoryAdapter(memoryData(9, 12)),
      'unhub',
    );
    const unhub = await startAgencySubgraph({ agency: { code: 'unhub', name: 'UN Hub', lmsKind: 'custom' }, adapter });
    const healthy = directory.active();
    directory.replace([...healthy, { code: 'unhub', name: 'UN Hub', lmsKind: 'custom', url: unhub.url }]);
    try {
      const res = await query<{
        liveLearningStats: { enrollmentCount: number; agencies: { code: string }[] };
        courses: { totalCount: number };
      }>(gateway.url, '{ liveLearningStats { enrollmentCount agencies { code } } courses(first: 1) { totalCount } }');
      expect(res.data.liveLearningStats.enrollmentCount).toBe(48);
      expect(res.data.liveLearningStats.agencies.map((a) => a.code)).toEqual(CODES);
      expect(res.data.courses.totalCount).toBeGreaterThan(0);
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]).toMatchObject({
        path: ['liveLearningStats'],
        extensions: {
          code: 'LMS_UNSUPPORTED',
          agency: 'unhub',
          lms: { kind: 'CUSTOM', agency: 'unhub', retryable: false, code: 'LMS_UNSUPPORTED' },
        },
      });
    } finally {
      directory.replace(healthy);
      await unhub.stop();
    }
  });
});
