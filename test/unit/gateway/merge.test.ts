import { describe, expect, it } from 'vitest';
import type { AgencyEndpoint } from '../../../gateway/directory.js';
import { AgencyDirectory } from '../../../gateway/directory.js';
import { AgencyFailure } from '../../../gateway/sharding/agencyClient.js';
import { CursorCodec } from '../../../gateway/sharding/cursor.js';
import type { AgencyResult } from '../../../gateway/sharding/fanout.js';
import { mergeField } from '../../../gateway/sharding/mergeField.js';
import { planRootFields } from '../../../gateway/sharding/plan.js';
import { HIDDEN } from '../../../gateway/sharding/rewrite.js';
import { encodeSortKeyCursor, type SortKey } from '../../../schema/ordering.js';
import { operationOf } from '../../support/operations.js';

const endpoint = (code: string): AgencyEndpoint => ({
  code,
  name: code,
  lmsKind: 'custom',
  url: `http://${code}.invalid/`,
});
const directory = new AgencyDirectory([endpoint('fao'), endpoint('who')]);
const [fao, who] = directory.active() as [AgencyEndpoint, AgencyEndpoint];
const codec = new CursorCodec('merge-test-secret-0123');

/** The one root field of `query`, planned, merged over the agencies' answers. */
function merge(query: string, answers: ReadonlyArray<AgencyResult>) {
  const { operation, fields, fragments } = operationOf(query);
  const { plans } = planRootFields({ directory, codec }, { operation, fields, variables: {} });
  return mergeField(plans[0]!, answers, fragments, codec);
}
const answer = (agency: AgencyEndpoint, data: Record<string, unknown>, errors: AgencyResult[] = []) =>
  ({ agency, answer: { data, errors: errors as never } }) as AgencyResult;

/** One agency's page as agencies answer a rewritten CONNECTION: visible fields plus the hidden ones. */
function page(keys: SortKey[], total: number, hasNextPage: boolean) {
  return {
    totalCount: total,
    edges: keys.map((key) => ({ cursor: 'agency-cursor', node: { id: key[1] } })),
    pageInfo: { hasNextPage },
    [HIDDEN.total]: total,
    [HIDDEN.page]: { hasNextPage },
    [HIDDEN.edges]: keys.map((key) => ({ [HIDDEN.cursor]: encodeSortKeyCursor(key) })),
  };
}

const CONNECTION =
  '{ courses(first: 3) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }';

describe('merging root fields', () => {
  it('CONNECTION: k-way merges sorted pages, sums totals, signs cursors, and remaps error paths', () => {
    const faoPage = page(
      [
        ['alpha', 'fao:course:1'],
        ['kappa', 'fao:course:4'],
      ],
      2,
      false,
    );
    const whoPage = page(
      [
        ['beta', 'who:course:2'],
        ['gamma', 'who:course:3'],
        ['omega', 'who:course:9'],
      ],
      9,
      true,
    );
    const titleError = {
      message: 'LMS down',
      path: ['courses', 'edges', 1, 'node', 'title'],
      extensions: { code: 'LMS_TIMEOUT' },
    };
    const droppedError = {
      message: 'x',
      path: ['courses', 'edges', 2, 'node', 'id'],
      extensions: { code: 'NOT_FOUND' },
    };
    const merged = merge(CONNECTION, [
      answer(fao, { courses: faoPage }),
      answer(who, { courses: whoPage }, [titleError, droppedError] as never),
    ]);
    const value = merged.value as {
      totalCount: number;
      edges: { cursor: string; node: { id: string } }[];
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(value.edges.map((e) => e.node.id)).toEqual(['fao:course:1', 'who:course:2', 'who:course:3']);
    expect(value.totalCount).toBe(11);
    expect(value.pageInfo.hasNextPage).toBe(true);
    const fingerprint = value.pageInfo.endCursor.split('.')[1]!;
    expect(codec.decode(value.pageInfo.endCursor, fingerprint)).toEqual(['gamma', 'who:course:3']);
    expect(JSON.stringify(value)).not.toContain('_shard_');
    expect(merged.errors.map((e) => [e.path, e.extensions?.code, e.extensions?.agency])).toEqual([
      [['courses', 'edges', 2, 'node', 'title'], 'AGENCY_TIMEOUT', 'who'],
      [['courses', 'edges'], 'NOT_FOUND', 'who'],
    ]);
  });

  it('CONNECTION: a malformed page is one AGENCY_BAD_RESPONSE naming the agency; the others still merge', () => {
    const merged = merge(CONNECTION, [
      answer(fao, { courses: { totalCount: 3, edges: [] } }),
      answer(who, { courses: page([['beta', 'who:course:2']], 1, false) }),
    ]);
    expect((merged.value as { totalCount: number }).totalCount).toBe(1);
    expect(merged.errors.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
      ['AGENCY_BAD_RESPONSE', 'fao'],
    ]);
  });

  it('LIST: concatenates in agency order, remapping item indices in error paths', () => {
    const merged = merge('{ agencies { code } }', [
      answer(fao, { agencies: [{ code: 'fao' }] }),
      answer(who, { agencies: [{ code: 'who' }] }, [{ message: 'm', path: ['agencies', 0, 'name'] }] as never),
    ]);
    expect(merged.value).toEqual([{ code: 'fao' }, { code: 'who' }]);
    expect(merged.errors.map((e) => e.path)).toEqual([['agencies', 1, 'name']]);
  });

  it('SUM: adds counts, concatenates lists and recomputes rates from summed parts, never averaging rates', () => {
    const stats = (completed: number, enrolled: number, code: string) => ({
      completedCount: completed,
      enrollmentCount: enrolled,
      completionRate: completed / enrolled,
      agencies: [{ code }],
      [HIDDEN.numerator('completionRate')]: completed,
      [HIDDEN.denominator('completionRate')]: enrolled,
    });
    const merged = merge('{ liveLearningStats { completedCount enrollmentCount completionRate agencies { code } } }', [
      answer(fao, { liveLearningStats: stats(1, 10, 'fao') }),
      answer(who, { liveLearningStats: stats(9, 10, 'who') }),
    ]);
    expect(merged.value).toEqual({
      completedCount: 10,
      enrollmentCount: 20,
      completionRate: 0.5,
      agencies: [{ code: 'fao' }, { code: 'who' }],
    });
    expect(merged.errors).toEqual([]);
  });

  it('leaves out agencies that failed or answered null, keeping their field errors', () => {
    const failed: AgencyResult = { agency: fao, failure: new AgencyFailure('AGENCY_TIMEOUT', 'fao', 'late') };
    const unsupported = { message: 'no stats', path: ['liveLearningStats'], extensions: { code: 'LMS_UNSUPPORTED' } };
    const merged = merge('{ liveLearningStats { enrollmentCount } }', [
      failed,
      answer(who, { liveLearningStats: null }, [unsupported] as never),
    ]);
    expect(merged.value).toBeNull();
    expect(merged.errors.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([['LMS_UNSUPPORTED', 'who']]);
  });
});
