import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildAgencyOperation, rewriteField } from '../../../gateway/sharding/rewrite.js';
import { ROOT_FIELD_STRATEGIES } from '../../../schema/sharding.js';
import { operationOf } from '../../support/operations.js';

const normalised = (query: string) => print(parse(query));

describe('rewriting what agencies receive', () => {
  it('gives a CONNECTION the hidden totals, page info and sort-key cursors, and the resume key as `after`', () => {
    const { fields } = operationOf('{ courses(first: 2, after: "gateway-cursor") { edges { node { id } } } }');
    const field = rewriteField({ node: fields[0]!, strategy: ROOT_FIELD_STRATEGIES.courses, index: 3, resumes: true });
    expect(print(field)).toBe(
      print(
        operationOf(
          '{ courses(first: 2, after: $_shard_after_3) { edges { node { id } } _shard_total: totalCount _shard_page: pageInfo { hasNextPage } _shard_edges: edges { _shard_cursor: cursor } } }',
        ).fields[0]!,
      ),
    );
  });

  it("drops a client's `after` when there is nothing to resume from, and asks SUM fields for each rate's parts", () => {
    const { fields } = operationOf('{ courses(after: "x") { totalCount } liveLearningStats { completionRate } }');
    const connection = rewriteField({
      node: fields[0]!,
      strategy: ROOT_FIELD_STRATEGIES.courses,
      index: 0,
      resumes: false,
    });
    expect(print(connection)).not.toContain('after');
    const sum = rewriteField({
      node: fields[1]!,
      strategy: ROOT_FIELD_STRATEGIES.liveLearningStats,
      index: 1,
      resumes: false,
    });
    expect(print(sum)).toContain('_shard_num_completionRate: completedCount');
    expect(print(sum)).toContain('_shard_den_completionRate: enrollmentCount');
  });

  it('leaves LIST, ROUTE and fields outside the contract as the client wrote them', () => {
    const { fields } = operationOf('{ agencies { code } course(id: "who:course:1") { title } _service { sdl } }');
    const strategies = [ROOT_FIELD_STRATEGIES.agencies, ROOT_FIELD_STRATEGIES.course, undefined];
    fields.forEach((node, index) => {
      expect(rewriteField({ node, strategy: strategies[index], index, resumes: false })).toBe(node);
    });
  });

  it('builds one operation per agency holding only its fields, with unused variables and fragments pruned', () => {
    const { operation, fields, fragments } = operationOf(`
      query Q($email: String!, $first: Int) {
        learners(match: { email: $email }) { ...L }
        courses(first: $first) { totalCount ...C }
      }
      fragment L on Learner { id }
      fragment C on CourseConnection { totalCount }`);
    const built = buildAgencyOperation(operation, fragments, [
      { node: fields[0]!, strategy: ROOT_FIELD_STRATEGIES.learners, index: 0, resumes: false },
    ]);
    expect(built).toBe(
      normalised(
        'query Q($email: String!) { learners(match: { email: $email }) { ...L } } fragment L on Learner { id }',
      ),
    );
  });
});
