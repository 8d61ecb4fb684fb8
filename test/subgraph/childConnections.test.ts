import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LmsError } from '../../adapters/core/errors.js';
import type { EnrollmentRecord } from '../../adapters/core/records.js';
import { EnrollmentStatus } from '../../schema/model/enums.js';
import type { Principal } from '../../schema/principal.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 13: a child connection that fails (an LMS that cannot list a course's enrolments right now, or
 * not at all) gives an error at its own path; the parent object and its siblings are still answered.
 */
const agency = { code: 'who', name: 'World Health Organization', lmsKind: 'custom' as const };
/** The agency's own learning manager, vouched for by the gateway: every record is visible. */
const WHO_MANAGER: Principal = {
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: 'manager',
  email: null,
  indexNumber: null,
  agency: 'who',
  roles: ['AGENCY_MANAGER'],
};
let server: ApolloServer<AgencyContext>;
let adapter: ReturnType<typeof createMemoryAdapter>;

type Result = {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
};

async function run(query: string, variables: Record<string, unknown> = {}): Promise<Result> {
  const response = await server.executeOperation(
    { query, variables },
    { contextValue: createAgencyContext(agency, adapter, { principal: WHO_MANAGER, viaGateway: true }) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as Result;
}

/** Seven learners enrolled in course 1, to page through. */
function withBusyCourse() {
  const data = memoryData(7, 25);
  const extra: EnrollmentRecord[] = Array.from({ length: 7 }, (_, i) => ({
    localId: `p${i}-1`,
    learnerLocalId: `p${i}`,
    courseLocalId: '1',
    status: i % 2 ? EnrollmentStatus.COMPLETED : EnrollmentStatus.WITHDRAWN,
    sourceStatus: 'label',
    enrolledAt: null,
    completedAt: null,
    progress: null,
    score: null,
  }));
  return { ...data, enrollments: [...data.enrollments, ...extra] };
}

const unavailable = () =>
  new LmsError('LMS_UNAVAILABLE', 'The LMS could not be reached.', { agency: 'who', lmsKind: 'custom' });

beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  adapter = createMemoryAdapter(withBusyCourse());
});

describe('child connections never null their parent', () => {
  it("answers a course whose enrolments fail, with the error at the course's enrollments", async () => {
    adapter.failWith = unavailable();
    adapter.failOnly = 'listEnrollments';
    const result = await run('{ course(id: "who:course:1") { id title enrollments(first: 5) { totalCount } } }');
    const course = result.data?.course as { id: string; title: string; enrollments: unknown };
    expect(course.id).toBe('who:course:1');
    expect(course.title.length).toBeGreaterThan(0);
    expect(course.enrollments).toBeNull();
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['course', 'enrollments'], 'LMS_UNAVAILABLE'],
    ]);
  });

  it('keeps every course of a page when each one fails its enrolments', async () => {
    adapter.failWith = unavailable();
    adapter.failOnly = 'listEnrollments';
    const result = await run('{ courses(first: 3) { totalCount edges { node { id enrollments { totalCount } } } } }');
    const edges = (result.data!.courses as { edges: { node: { id: string; enrollments: unknown } }[] }).edges;
    expect(edges).toHaveLength(3);
    expect(edges.every((e) => e.node.id.startsWith('who:course:') && e.node.enrollments === null)).toBe(true);
    expect(result.errors?.map((e) => e.path?.join('.'))).toEqual(
      [0, 1, 2].map((i) => `courses.edges.${i}.node.enrollments`),
    );
  });

  it('answers a learner whose credentials fail, with the enrolments next to them', async () => {
    adapter.failWith = unavailable();
    adapter.failOnly = 'listCredentials';
    const result = await run(`{ learners(match: { email: "amina.diallo@un.org" }) {
      id enrollments(first: 2) { totalCount } credentials(first: 2) { totalCount } } }`);
    const [learner] = result.data!.learners as {
      id: string;
      enrollments: { totalCount: number };
      credentials: unknown;
    }[];
    expect(learner?.id).toBe('who:learner:u1');
    expect(learner?.enrollments.totalCount).toBe(12);
    expect(learner?.credentials).toBeNull();
    expect(result.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['learners', 0, 'credentials'], 'LMS_UNAVAILABLE'],
    ]);
  });

  it("pages a course's enrolments exactly: every one once, in order, across pages", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const result: Result = await run(
        `query($after: String) { course(id: "who:course:1") { enrollments(first: 3, after: $after) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const connection = (result.data!.course as { enrollments: unknown }).enrollments as {
        totalCount: number;
        edges: { node: { id: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
      expect(connection.totalCount).toBe(8);
      seen.push(...connection.edges.map((e) => e.node.id));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });
});
