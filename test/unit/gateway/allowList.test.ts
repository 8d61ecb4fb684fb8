import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../../gateway/directory.js';
import { idListsQuery, RegistryIdLists } from '../../../gateway/idLists.js';
import { CursorCodec } from '../../../gateway/sharding/cursor.js';
import { planRootFields } from '../../../gateway/sharding/plan.js';
import { buildAgencyOperation } from '../../../gateway/sharding/rewrite.js';
import { CurationStatus } from '../../../schema/model/enums.js';
import { REGISTRY_ID_LISTS, ROOT_FIELD_STRATEGIES } from '../../../schema/sharding.js';
import { operationOf } from '../../support/operations.js';

/**
 * The gateway's answer to `courses(filter: { curation })`: agencies do not know curation, so the
 * declared allow-list rewrite (schema/sharding.ts) gives each agency its own curated ids in `filter.ids`.
 */
const codec = new CursorCodec('allow-list-test-secret');
const directoryWith = (lists?: Record<string, string[]>) => {
  const directory = new AgencyDirectory(
    ['who', 'ilo', 'fao', 'oer'].map((code) => ({
      code,
      name: code,
      lmsKind: 'custom' as const,
      url: `http://${code}.invalid/`,
    })),
  );
  if (lists) {
    directory.idLists.replace(
      new Map(Object.entries(lists).map(([status, ids]) => [RegistryIdLists.key('curatedCourseIds', status), ids])),
    );
  }
  return directory;
};

const CURATED = {
  RECOMMENDED: ['who:course:3', 'oer:course:oai:x:1', 'who:course:9', 'gone:course:1'],
  PROPOSED: ['ilo:course:5'],
  RETIRED: [],
};

function plan(directory: AgencyDirectory, query: string, variables: Record<string, unknown> = {}) {
  const operation = operationOf(query);
  return { operation, outcome: planRootFields({ directory, codec }, { ...operation, variables }) };
}

describe('the curation allow-list rewrite (planning)', () => {
  it('asks only agencies holding curated courses, each for its own ids, the rest of the filter kept', () => {
    const { outcome } = plan(
      directoryWith(CURATED),
      '{ courses(first: 5, filter: { curation: RECOMMENDED, sdgs: [4], sourceKinds: [OER, LMS] }) { totalCount } }',
    );
    expect(outcome.errors).toEqual([]);
    const [courses] = outcome.plans;
    expect(courses?.targets.map((t) => t.code)).toEqual(['oer', 'who']);
    expect(Object.fromEntries(courses?.argumentRewrite?.values ?? [])).toEqual({
      who: { sdgs: [4], sourceKinds: ['OER', 'LMS'], ids: ['who:course:3', 'who:course:9'] },
      oer: { sdgs: [4], sourceKinds: ['OER', 'LMS'], ids: ['oer:course:oai:x:1'] },
    });
  });

  it('intersects with ids the client gave, honours an agencies filter, and reads variables', () => {
    const { outcome } = plan(
      directoryWith(CURATED),
      'query($filter: CourseFilter) { courses(filter: $filter) { totalCount } }',
      { filter: { curation: 'RECOMMENDED', ids: ['who:course:9', 'ilo:course:5'], agencies: ['who', 'ilo'] } },
    );
    const [courses] = outcome.plans;
    expect(courses?.targets.map((t) => t.code)).toEqual(['who']);
    expect(courses?.argumentRewrite?.values.get('who')).toEqual({ agencies: ['who', 'ilo'], ids: ['who:course:9'] });
  });

  it('targets no agency when nothing is curated (an empty, exact answer), and leaves filters without curation alone', () => {
    const retired = plan(directoryWith(CURATED), '{ courses(filter: { curation: RETIRED }) { totalCount } }');
    expect(retired.outcome.plans[0]?.targets).toEqual([]);
    const plain = plan(directoryWith(CURATED), '{ courses(filter: { sdgs: [1] }) { totalCount } }');
    expect(plain.outcome.plans[0]?.argumentRewrite).toBeUndefined();
    expect(plain.outcome.plans[0]?.targets).toHaveLength(4);
  });

  it('refuses with REGISTRY_UNAVAILABLE until the lists have been read, rather than answering inexactly', () => {
    const { outcome } = plan(
      directoryWith(),
      '{ a: courses(filter: { curation: PROPOSED }) { totalCount } b: agencies { code } }',
    );
    expect(outcome.errors.map((e) => [e.path, e.extensions?.code])).toEqual([[['a'], 'REGISTRY_UNAVAILABLE']]);
    expect(outcome.plans.map((p) => p.key)).toEqual(['b']);
  });
});

describe('the curation allow-list rewrite (what agencies receive)', () => {
  it('sends the rewritten argument as a typed variable and drops the client variable it replaced', () => {
    const { operation, outcome } = plan(
      directoryWith(CURATED),
      'query Q($filter: CourseFilter, $n: Int) { courses(first: $n, filter: $filter) { edges { node { id } } } }',
      { filter: { curation: 'RECOMMENDED' }, n: 2 },
    );
    const text = buildAgencyOperation(operation.operation, operation.fragments, outcome.plans);
    expect(print(parse(text))).toBe(
      print(
        parse(
          'query Q($n: Int, $_shard_arg_0_filter: CourseFilter) { courses(first: $n, filter: $_shard_arg_0_filter) { edges { node { id } } _shard_total: totalCount _shard_page: pageInfo { hasNextPage } _shard_edges: edges { _shard_cursor: cursor } } }',
        ),
      ),
    );
  });
});

describe('the declared rewrite and the lists the gateway follows', () => {
  it('reads and writes the same top-level argument, of the declared input type, and names a followed list', () => {
    const rule = ROOT_FIELD_STRATEGIES.courses;
    expect(rule?.kind === 'CONNECTION' ? rule.allowList : undefined).toMatchObject({
      from: ['filter', 'curation'],
      into: ['filter', 'ids'],
      inputType: 'CourseFilter',
      list: 'curatedCourseIds',
    });
  });

  it('polls one list per curation status, the statuses of the CurationStatus enum', () => {
    expect([...REGISTRY_ID_LISTS.curatedCourseIds.values]).toEqual(Object.values(CurationStatus));
    const { query, keys } = idListsQuery();
    expect(query).toBe(
      'query GatewayIdLists { curatedCourseIds_PROPOSED: curatedCourseIds(status: PROPOSED) curatedCourseIds_RECOMMENDED: curatedCourseIds(status: RECOMMENDED) curatedCourseIds_RETIRED: curatedCourseIds(status: RETIRED) }',
    );
    expect([...keys.values()]).toEqual([
      'curatedCourseIds:PROPOSED',
      'curatedCourseIds:RECOMMENDED',
      'curatedCourseIds:RETIRED',
    ]);
  });
});
