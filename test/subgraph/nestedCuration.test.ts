import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../gateway/directory.js';
import { RegistryIdLists } from '../../gateway/idLists.js';
import { type RunningGateway, startGateway } from '../../gateway/server.js';
import { CursorCodec } from '../../gateway/sharding/cursor.js';
import { ShardingDataSource } from '../../gateway/sharding/dataSource.js';
import { type RunningAgencySubgraph, startAgencySubgraph } from '../../subgraphs/agency/server.js';
import { graphql } from '../support/graphql.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

/**
 * `filter.curation` below the root — `Agency.courses`, reached through `agencies`, `agency(code)`, a
 * fragment, or an `Agency` entity — is rewritten by the gateway like `Query.courses`: each agency gets its
 * own curated ids (an empty allow-list when it has none), so totals and pages are exact.
 */
const CODES = ['fao', 'ilo', 'who'];
const RECOMMENDED = ['who:course:3', 'who:course:9', 'fao:course:2', 'gone:course:1'];
const PROPOSED = ['ilo:course:5'];
let gateway: RunningGateway;
const subgraphs: RunningAgencySubgraph[] = [];
const directory = new AgencyDirectory();

const withLists = (target: AgencyDirectory) => {
  target.idLists.replace(
    new Map([
      [RegistryIdLists.key('curatedCourseIds', 'RECOMMENDED'), RECOMMENDED],
      [RegistryIdLists.key('curatedCourseIds', 'PROPOSED'), PROPOSED],
      [RegistryIdLists.key('curatedCourseIds', 'RETIRED'), []],
    ]),
  );
  return target;
};

beforeAll(async () => {
  for (const [i, code] of CODES.entries()) {
    subgraphs.push(
      await startAgencySubgraph({
        agency: { code, name: code.toUpperCase(), lmsKind: 'custom' },
        adapter: createMemoryAdapter(memoryData(i + 1, 12)),
      }),
    );
  }
  directory.replace(
    CODES.map((code, i) => ({ code, name: code.toUpperCase(), lmsKind: 'custom', url: subgraphs[i]!.url })),
  );
  withLists(directory);
  gateway = await startGateway({
    directory,
    agencyTimeoutMs: 2000,
    deadlineMs: 4000,
    cursorSecret: 'nested-curation-secret',
  });
});
afterAll(async () => {
  await gateway?.stop();
  await Promise.all(subgraphs.map((s) => s.stop()));
});

interface Connection {
  totalCount: number;
  edges: { node: { id: string } }[];
}
const ids = (c: Connection | undefined) => c?.edges.map((e) => e.node.id).sort();

describe('filter.curation on Agency.courses', () => {
  it('gives every agency listed by `agencies` only its own curated courses, exactly', async () => {
    const answer = await graphql<{ agencies: { code: string; courses: Connection }[] }>(
      gateway.url,
      '{ agencies { code courses(first: 50, filter: { curation: RECOMMENDED }) { totalCount edges { node { id } } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const byCode = Object.fromEntries(answer.data!.agencies.map((a) => [a.code, a.courses]));
    expect(ids(byCode.who)).toEqual(['who:course:3', 'who:course:9']);
    expect(byCode.who?.totalCount).toBe(2);
    expect(ids(byCode.fao)).toEqual(['fao:course:2']);
    // ILO has no recommended course: an empty, exact answer (not its whole catalogue, not an error).
    expect(byCode.ilo).toEqual({ totalCount: 0, edges: [] });
  });

  it('keeps the rest of the filter, intersects with given ids, and works through variables and fragments', async () => {
    const answer = await graphql<{ agency: { courses: Connection }; all: Connection }>(
      gateway.url,
      `query($f: CourseFilter) {
         agency(code: "who") { ...Curated }
         all: courses(first: 50, filter: $f) { totalCount edges { node { id } } } }
       fragment Curated on Agency { courses(first: 50, filter: $f) { totalCount edges { node { id } } } }`,
      { f: { curation: 'RECOMMENDED', ids: ['who:course:9', 'who:course:4', 'fao:course:2'] } },
    );
    expect(answer.errors).toBeUndefined();
    expect(ids(answer.data!.agency.courses)).toEqual(['who:course:9']);
    // The root field is rewritten as before, beside the nested one.
    expect(ids(answer.data!.all)).toEqual(['fao:course:2', 'who:course:9']);
    const proposed = await graphql<{ agency: { courses: Connection } }>(
      gateway.url,
      '{ agency(code: "ilo") { courses(filter: { curation: PROPOSED, ids: ["ilo:course:6"] }) { totalCount edges { node { id } } } } }',
    );
    expect(proposed.data!.agency.courses.totalCount).toBe(0);
  });

  it('rewrites an Agency entity’s courses too (a registry answer joined with the learning subgraph)', async () => {
    const source = new ShardingDataSource({
      directory,
      codec: new CursorCodec('x'.repeat(16)),
      agencyTimeoutMs: 2000,
      deadlineMs: 4000,
    });
    const response = await source.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      context: {},
      request: {
        query: `query($representations: [_Any!]!, $status: CurationStatus) { _entities(representations: $representations) {
          ... on Agency { code courses(filter: { curation: $status }) { totalCount } } } }`,
        variables: {
          representations: CODES.map((code) => ({ __typename: 'Agency', code })),
          status: 'RECOMMENDED',
        },
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toEqual([
      { code: 'fao', courses: { totalCount: 1 } },
      { code: 'ilo', courses: { totalCount: 0 } },
      { code: 'who', courses: { totalCount: 2 } },
    ]);
  });

  it('answers REGISTRY_UNAVAILABLE until the lists are read, and leaves queries without curation alone', async () => {
    const unread = new AgencyDirectory(directory.active());
    const source = new ShardingDataSource({
      directory: unread,
      codec: new CursorCodec('x'.repeat(16)),
      agencyTimeoutMs: 2000,
      deadlineMs: 4000,
    });
    const ask = (query: string) =>
      source.process({
        kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
        context: {},
        request: { query, variables: {} },
      });
    const refused = await ask('{ agencies { courses(filter: { curation: RECOMMENDED }) { totalCount } } }');
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['REGISTRY_UNAVAILABLE']);
    const plain = await ask('{ agencies { code courses(filter: { sdgs: [1, 2, 3] }) { totalCount } } }');
    expect(plain.errors).toBeUndefined();
    expect(plain.data?.agencies).toHaveLength(3);
  });
});
