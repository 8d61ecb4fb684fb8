import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LmsError } from '../../adapters/core/errors.js';
import type { Principal } from '../../schema/principal.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

const WHO_MANAGER: Principal = {
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: 'manager',
  email: null,
  indexNumber: null,
  agency: 'who',
  roles: ['AGENCY_MANAGER'],
};
const agency = { code: 'who', name: 'World Health Organization', lmsKind: 'custom' as const };
let server: ApolloServer<AgencyContext>;
let adapter: ReturnType<typeof createMemoryAdapter>;

async function run(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation(
    { query, variables },
    // The agency's own learning manager, vouched for by the gateway: every record of the agency is visible.
    { contextValue: createAgencyContext(agency, adapter, { principal: WHO_MANAGER, viaGateway: true }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  adapter = createMemoryAdapter(memoryData(7, 25));
});

describe('agency subgraph', () => {
  it('resolves enrollments with their courses in one batched course read', async () => {
    const result = await run(`{ enrollments(filter: { learner: { email: "AMINA.DIALLO@un.org" } }, first: 12) {
      totalCount edges { node { id status course { id title agency { code } } } } } }`);
    expect(result.errors).toBeUndefined();
    const connection = result.data?.enrollments as {
      totalCount: number;
      edges: { node: { course: { id: string } } }[];
    };
    expect(connection.totalCount).toBe(12);
    expect(connection.edges.every((e) => e.node.course.id.startsWith('who:course:'))).toBe(true);
    expect(adapter.calls.getCourses).toBe(1);
  });

  it('answers an unknown id with NOT_FOUND and a malformed one with BAD_USER_INPUT', async () => {
    const unknown = await run('{ course(id: "who:course:9999") { title } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const malformed = await run('{ course(id: "not an id") { title } }');
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const wrongType = await run('{ course(id: "who:learner:u1") { title } }');
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a page size over the limit and a cursor that is not one', async () => {
    const tooMany = await run('{ courses(first: 500) { totalCount } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors?.[0]?.message).toMatch(/between 0 and 100/);
    const badCursor = await run('{ courses(first: 5, after: "garbage!") { totalCount } }');
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });

  it('reports LMS errors with their stable code and no upstream detail', async () => {
    adapter.failWith = new LmsError('LMS_UNAUTHENTICATED', 'The LMS rejected the credentials.', {
      agency: 'who',
      lmsKind: 'custom',
      upstream: {
        method: 'POST',
        url: 'http://lms.example/webservice/rest/server.php',
        status: 200,
        vendorCode: 'invalidtoken',
      },
    });
    const result = await run('{ courses(first: 3) { totalCount } }');
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('LMS_UNAUTHENTICATED');
    expect(error?.extensions?.lms).toEqual({ kind: 'CUSTOM', agency: 'who', retryable: false });
    expect(JSON.stringify(result)).not.toMatch(/lms\.example|stacktrace/);
  });

  it('masks unexpected errors as INTERNAL_SERVER_ERROR', async () => {
    adapter.failWith = new Error('secret internal detail') as LmsError;
    const result = await run('{ courses(first: 3) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toMatch(/secret internal detail/);
  });

  it('resolves entity references in order, null for other agencies and unknown ids', async () => {
    const result = await run(
      `query($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Course { id title } ... on Agency { code name } } }`,
      {
        representations: [
          { __typename: 'Course', id: 'who:course:3' },
          { __typename: 'Agency', code: 'who' },
          { __typename: 'Course', id: 'ilo:course:3' },
          { __typename: 'Course', id: 'who:course:999' },
          { __typename: 'Course', id: 'who:course:1' },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities as ({ id?: string; code?: string } | null)[];
    expect(entities.map((e) => e?.id ?? e?.code ?? null)).toEqual(['who:course:3', 'who', null, null, 'who:course:1']);
    expect(adapter.calls.getCourses).toBe(1);
  });

  it('pages a connection with the shared order and resumes after a cursor', async () => {
    const first = await run(
      '{ courses(first: 10, orderBy: { field: DURATION, direction: DESC }) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    const page = first.data?.courses as {
      edges: { node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.edges).toHaveLength(10);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await run(
      `{ courses(first: 100, after: "${page.pageInfo.endCursor}", orderBy: { field: DURATION, direction: DESC }) { totalCount edges { node { id } } } }`,
    );
    const rest = second.data?.courses as { totalCount: number; edges: { node: { id: string } }[] };
    expect(rest.edges).toHaveLength(15);
    const all = [...page.edges, ...rest.edges].map((e) => e.node.id);
    expect(new Set(all).size).toBe(25);
  });
});
