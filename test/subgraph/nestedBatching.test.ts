import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentRecord } from '../../adapters/core/records.js';
import { EnrollmentStatus } from '../../schema/model/enums.js';
import type { Principal } from '../../schema/principal.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * Issue 11: nested connections (`Course.enrollments` under many enrolments, `Learner.enrollments` under
 * many learners) are read one adapter call per nested level, not one per parent.
 */
const agency = { code: 'who', name: 'World Health Organization', lmsKind: 'custom' as const };
const MANAGER: Principal = {
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: 'manager',
  email: null,
  indexNumber: null,
  agency: 'who',
  roles: ['AGENCY_MANAGER'],
};
let server: ApolloServer<AgencyContext>;

/** Twelve learners, each enrolled in the same eight courses: every level has many parents. */
function crowded() {
  const data = memoryData(3, 10);
  const learners = Array.from({ length: 12 }, (_, i) => ({
    localId: `p${i}`,
    displayName: `Learner ${i}`,
    email: `p${i}@un.org`,
    indexNumber: null,
  }));
  const enrollments: EnrollmentRecord[] = learners.flatMap((learner) =>
    data.courses.slice(0, 8).map((course) => ({
      localId: `${learner.localId}-${course.localId}`,
      learnerLocalId: learner.localId,
      courseLocalId: course.localId,
      status: EnrollmentStatus.IN_PROGRESS,
      sourceStatus: 'label',
      enrolledAt: null,
      completedAt: null,
      progress: null,
      score: null,
    })),
  );
  return { ...data, learners, enrollments };
}

/** course → enrollments → learner → enrollments → course → enrollments → …, `levels` connections deep. */
function nested(levels: number): string {
  let inner = 'totalCount';
  for (let level = levels; level >= 1; level--) {
    const hop = level % 2 === 1 ? 'learner' : 'course';
    inner = level === levels ? inner : `edges { node { ${hop} { id enrollments(first: 4) { ${inner} } } } }`;
  }
  return `{ course(id: "who:course:1") { id enrollments(first: 4) { ${inner} } } }`;
}

beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});

describe('nested connections batch per level', () => {
  it.each([2, 4, 6])('%i nested levels: one listEnrollments call per level, whatever the parents', async (levels) => {
    const adapter = createMemoryAdapter(crowded());
    const response = await server.executeOperation(
      { query: nested(levels) },
      { contextValue: createAgencyContext(agency, adapter, { principal: MANAGER, viaGateway: true }) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    expect(response.body.singleResult.errors).toBeUndefined();
    // Four parents per edge: level k has 4^(k-1) parents, among 12 learners and 8 courses.
    expect(adapter.calls.listEnrollments).toBeLessThanOrEqual(levels);
  });
});
