import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyDisclosure, applyRemovals, stripHidden } from '../../../gateway/auth/answer.js';
import { filterOperation } from '../../../gateway/auth/operationFilter.js';
import { rulesFromSupergraph, supergraphForStockGateway } from '../../../gateway/auth/rules.js';
import { PERSONAL_TYPES } from '../../../schema/authorization.js';
import type { Principal } from '../../../schema/principal.js';

const SDL = `
directive @authenticated on FIELD_DEFINITION | OBJECT
directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT
directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
type Query {
  agencies: [Agency!]!
  courses: [Course!]!
  learners(email: String): [Learner!] @authenticated @policy(policies: [["personal_data"]])
  learningStats(filter: StatsFilter): LearningStats!
  secret: String @requiresScopes(scopes: [["REGISTRY_ADMIN"]])
}
input StatsFilter { agencies: [String!] }
type Agency { code: String! name: String! learningStats: LearningStats! }
type Course { id: ID! title: String! enrollments: [Enrollment!] @authenticated @policy(policies: [["personal_data"]]) }
type Enrollment @authenticated @policy(policies: [["personal_data"]]) { id: ID! learner: Learner }
type Learner @authenticated @policy(policies: [["personal_data"]]) { id: ID! email: String }
type LearningStats { courseCount: Int! enrollmentCount: Int completedCount: Int failedCount: Int completionRate: Float }
`;
const schema = buildSchema(SDL);
const rules = rulesFromSupergraph(SDL);
const user = (roles: string[], agency: string | null = null): Principal =>
  ({ kind: 'user', issuer: 'i', subject: 's', email: null, indexNumber: null, agency, roles }) as Principal;
const filter = (query: string, principal: Principal) =>
  filterOperation(parse(query), undefined, {
    schema,
    rules,
    principal,
    personalTypes: PERSONAL_TYPES,
    statsType: 'LearningStats',
    agencyType: 'Agency',
  });

describe('the operation filter', () => {
  it('leaves an operation that asks for nothing protected untouched', () => {
    const document = parse('{ courses { id title } }');
    const result = filterOperation(document, undefined, {
      schema,
      rules,
      principal: { kind: 'anonymous' },
      personalTypes: PERSONAL_TYPES,
      statsType: 'LearningStats',
      agencyType: 'Agency',
    });
    expect(result.changed).toBe(false);
    expect(result.document).toBe(document);
  });

  it('removes what an anonymous caller may not see, through fragments and lists, and says where', () => {
    const result = filter(
      `query Q { courses { ...C } learners(email: "a@un.org") { email } }
       fragment C on Course { title enrollments { learner { email } } }`,
      { kind: 'anonymous' },
    );
    expect(print(result.document)).toBe(
      print(parse('query Q { courses { ... on Course { title } } }').definitions[0]!),
    );
    expect(result.removals.map((r) => [r.path.join('.'), r.code])).toEqual([
      ['courses.@.enrollments', 'UNAUTHENTICATED'],
      ['learners', 'UNAUTHENTICATED'],
    ]);
  });

  it('gives FORBIDDEN to a signed-in role the rule does not allow, and lets a learner through', () => {
    const analyst = filter('{ learners { email } secret }', user(['ANALYST']));
    expect(analyst.removals.map((r) => [r.coordinate, r.code])).toEqual([
      ['Query.learners', 'FORBIDDEN'],
      ['Query.secret', 'FORBIDDEN'],
    ]);
    const learner = filter('{ learners { id email } }', user(['LEARNER']));
    expect(learner.removals).toEqual([]);
    expect(learner.personalFields).toEqual(['Learner.id', 'Learner.email']);
    expect(filter('{ secret }', user(['REGISTRY_ADMIN'])).removals).toEqual([]);
  });

  it('answers removed fields with null and one error naming the path, keeping the rest', () => {
    const result = filter('{ courses { title enrollments { id } } }', { kind: 'anonymous' });
    const data: Record<string, unknown> = { courses: [{ title: 'A' }, { title: 'B' }] };
    const errors = applyRemovals(data, result.removals);
    expect(data).toEqual({
      courses: [
        { title: 'A', enrollments: null },
        { title: 'B', enrollments: null },
      ],
    });
    expect(errors).toEqual([
      {
        message: 'Sign in to read Course.enrollments: it is personal data.',
        path: ['courses', '@', 'enrollments'],
        extensions: { code: 'UNAUTHENTICATED', field: 'Course.enrollments' },
      },
    ]);
  });

  it('withholds small counts (and rates built on them) unless a manager reads their own agency', () => {
    const query =
      '{ learningStats(filter: { agencies: ["who"] }) { courseCount failedCount completionRate } agencies { name learningStats { enrollmentCount } } }';
    const anonymous = filter(query, { kind: 'anonymous' });
    const answer = () => ({
      learningStats: {
        courseCount: 3,
        failedCount: 2,
        completionRate: 0.5,
        _cv_completedCount: 4,
        _cv_enrollmentCount: 8,
      },
      agencies: [
        { name: 'WHO', _cv_code: 'who', learningStats: { enrollmentCount: 3 } },
        { name: 'ILO', _cv_code: 'ilo', learningStats: { enrollmentCount: 30 } },
      ],
    });
    const data = answer();
    const suppressed = applyDisclosure(data, anonymous.statsSites, { kind: 'anonymous' }, {}, 5);
    stripHidden(data);
    expect(data).toEqual({
      learningStats: { courseCount: 3, failedCount: null, completionRate: null },
      agencies: [
        { name: 'WHO', learningStats: { enrollmentCount: null } },
        { name: 'ILO', learningStats: { enrollmentCount: 30 } },
      ],
    });
    expect(suppressed.map((s) => s.path.join('.'))).toEqual([
      'learningStats.failedCount',
      'learningStats.completionRate',
      'agencies.0.learningStats.enrollmentCount',
    ]);
    const manager = user(['AGENCY_MANAGER'], 'who');
    const full = answer();
    applyDisclosure(full, filter(query, manager).statsSites, manager, {}, 5);
    expect(full.learningStats.failedCount).toBe(2);
    expect(full.agencies[0]!.learningStats.enrollmentCount).toBe(3);
  });

  it('keeps the authorization links loadable by the stock gateway', () => {
    const sdl =
      '@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)\n@link(url: "https://specs.apollo.dev/other/v0.1", for: SECURITY)';
    expect(supergraphForStockGateway(sdl)).toBe(
      '@link(url: "https://specs.apollo.dev/authenticated/v0.1")\n@link(url: "https://specs.apollo.dev/other/v0.1", for: SECURITY)',
    );
  });
});
