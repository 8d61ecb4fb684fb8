import type { ApolloServer } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LmsCallBudget } from '../../adapters/core/scope.js';
import { CodedError } from '../../schema/errorCodes.js';
import { CourseVisibility } from '../../schema/model/enums.js';
import { ANONYMOUS, type Principal, type Role } from '../../schema/principal.js';
import { type AgencyAccess, DIRECT_CALL } from '../../subgraphs/agency/access.js';
import { CatalogueCache } from '../../subgraphs/agency/catalogueCache.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { type AgencyRequestScope, DEFAULT_AGENCY_LIMITS } from '../../subgraphs/agency/requestScope.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

const agency = { code: 'who', name: 'World Health Organization', lmsKind: 'custom' as const };
const user = (subject: string, roles: readonly Role[]): Principal => ({
  kind: 'user',
  issuer: 'https://login.example.org',
  subject,
  email: `${subject}@un.org`,
  indexNumber: null,
  agency: 'who',
  roles,
});
const MANAGER: AgencyAccess = { principal: user('manager', ['AGENCY_MANAGER']), viaGateway: true };
const LEARNER: AgencyAccess = { principal: user('learner', ['LEARNER']), viaGateway: true };
const VIA_GATEWAY_ANONYMOUS: AgencyAccess = { principal: ANONYMOUS, viaGateway: true };

const PAGE = `query Page($after: String, $filter: CourseFilter) {
  courses(first: 10, after: $after, filter: $filter, orderBy: { field: TITLE, direction: ASC }) {
    totalCount edges { cursor node { id title visibility } } pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string; title: string; visibility: CourseVisibility } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

let server: ApolloServer<AgencyContext>;
let adapter: ReturnType<typeof createMemoryAdapter>;
let cache: CatalogueCache;

async function page(
  access: AgencyAccess,
  variables: Record<string, unknown> = {},
  options: { cache?: CatalogueCache | undefined; scope?: AgencyRequestScope } = { cache },
): Promise<{ page?: Page; errors?: readonly GraphQLFormattedError[] }> {
  const response = await server.executeOperation(
    { query: PAGE, variables },
    { contextValue: createAgencyContext(agency, adapter, access, options.scope, options.cache) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  const result = response.body.singleResult;
  return {
    ...(result.data?.courses ? { page: result.data.courses as Page } : {}),
    ...(result.errors ? { errors: result.errors } : {}),
  };
}

beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  const data = memoryData(11, 40);
  // Every fourth course is for the agency's staff only: a listing shows it to its manager alone.
  const courses = data.courses.map((c, i) =>
    i % 4 === 0 ? { ...c, visibility: i % 8 === 0 ? CourseVisibility.INTERNAL : CourseVisibility.HIDDEN } : c,
  );
  adapter = createMemoryAdapter({ ...data, courses });
  cache = new CatalogueCache(60_000);
});

describe('agency subgraph catalogue cache', () => {
  it('serves the next page from the list built for the first: the adapter is listed once', async () => {
    const first = await page(DIRECT_CALL);
    const second = await page(DIRECT_CALL, { after: first.page?.pageInfo.endCursor });
    expect(adapter.calls.listCourses).toBe(1);
    expect(cache.size).toBe(1);
    // The same pages as without the cache, in the same order.
    const uncached = await page(DIRECT_CALL, {}, { cache: undefined });
    const uncachedSecond = await page(DIRECT_CALL, { after: uncached.page?.pageInfo.endCursor }, { cache: undefined });
    expect(first).toEqual(uncached);
    expect(second).toEqual(uncachedSecond);
    expect(first.page?.totalCount).toBe(30);
    expect(second.page?.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(second.page?.edges[0]?.node.title.localeCompare(first.page?.edges.at(-1)?.node.title ?? '')).not.toBe(-1);
  });

  it('never shows a caller a list built for another visibility class, in either order', async () => {
    const managerFirst = await page(MANAGER);
    expect(managerFirst.page?.totalCount).toBe(40);
    expect(managerFirst.page?.edges.some((e) => e.node.visibility !== CourseVisibility.PUBLIC)).toBe(true);
    for (const access of [DIRECT_CALL, VIA_GATEWAY_ANONYMOUS, LEARNER]) {
      const answer = await page(access);
      expect(answer.page?.totalCount).toBe(30);
      expect(answer.page?.edges.every((e) => e.node.visibility === CourseVisibility.PUBLIC)).toBe(true);
    }
    // One list for the manager, one shared by every caller who sees public courses only.
    expect(adapter.calls.listCourses).toBe(2);
    expect((await page(MANAGER)).page?.totalCount).toBe(40);
    expect(adapter.calls.listCourses).toBe(2);
  });

  it('keeps a list per filter and order', async () => {
    await page(DIRECT_CALL);
    const french = await page(DIRECT_CALL, { filter: { languages: ['fr'] } });
    expect(adapter.calls.listCourses).toBe(2);
    expect(french.page?.totalCount).toBeLessThan(30);
    await page(DIRECT_CALL, { filter: { languages: ['fr'] } });
    expect(adapter.calls.listCourses).toBe(2);
  });

  it('serves nothing to a request whose scope has ended, even from a warm cache', async () => {
    await page(DIRECT_CALL);
    const controller = new AbortController();
    controller.abort(new CodedError('QUERY_TOO_LARGE', 'The client went away.'));
    const scope: AgencyRequestScope = {
      signal: controller.signal,
      deadline: Date.now(),
      caller: 'test',
      budget: new LmsCallBudget(10),
      limits: DEFAULT_AGENCY_LIMITS,
      fields: 0,
      stop: () => {},
    };
    const answer = await page(DIRECT_CALL, {}, { cache, scope });
    expect(answer.page).toBeUndefined();
    expect(answer.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_LARGE');
  });

  it('shares course views that no request can change', async () => {
    const first = await page(DIRECT_CALL);
    const ctx = createAgencyContext(agency, adapter, DIRECT_CALL, undefined, cache);
    await server.executeOperation({ query: PAGE }, { contextValue: ctx });
    expect(adapter.calls.listCourses).toBe(1);
    // The views this request primed (its page's courses) are the cached ones: no adapter read for them.
    const localId = first.page?.edges[0]?.node.id.replace(/^who:course:/, '');
    const view = await ctx.courses.load(localId!);
    expect(adapter.calls.getCourses).toBeUndefined();
    expect(view?.title).toBe(first.page?.edges[0]?.node.title);
    expect(Object.isFrozen(view)).toBe(true);
  });
});

describe('CatalogueCache', () => {
  it('forgets a list after its TTL, and keeps none with a TTL of 0', () => {
    const ttl = new CatalogueCache(1_000);
    ttl.set('k', [], 5_000);
    expect(ttl.get('k', 5_999)).toEqual([]);
    expect(ttl.get('k', 6_000)).toBeUndefined();
    const off = new CatalogueCache(0);
    off.set('k', [], 5_000);
    expect(off.get('k', 5_000)).toBeUndefined();
  });

  it('holds a bounded number of lists, dropping the oldest', () => {
    const bounded = new CatalogueCache(60_000);
    for (let i = 0; i < 100; i++) bounded.set(`k${i}`, [], 1_000 + i);
    expect(bounded.size).toBe(64);
    expect(bounded.get('k0', 2_000)).toBeUndefined();
    expect(bounded.get('k99', 2_000)).toEqual([]);
  });
});
