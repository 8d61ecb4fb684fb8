import type { ApolloServer } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseRecord } from '../../adapters/core/records.js';
import { CostModel, type SourceKind } from '../../schema/model/enums.js';
import type { Principal } from '../../schema/principal.js';
import { type AgencyContext, createAgencyContext } from '../../subgraphs/agency/context.js';
import { createAgencyServer } from '../../subgraphs/agency/server.js';
import { createMemoryAdapter } from '../support/memoryAdapter.js';
import { memoryData } from '../support/memoryData.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers, asserted field by field.
type Data = Record<string, any>;

/**
 * The course filters an agency answers itself (sourceKinds, licence, ids), the new Course fields, and a
 * catalogue source (OER) asked about people: "none", not LMS_UNSUPPORTED.
 */
const LICENCES = [
  'https://creativecommons.org/licenses/by/4.0/',
  'http://creativecommons.org/licenses/by-sa/3.0/igo/deed.fr',
  'https://creativecommons.org/publicdomain/zero/1.0/',
  'https://example.org/licence/proprietary',
  null,
];
const AMINA: Principal = {
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: 'amina',
  email: 'amina.diallo@un.org',
  indexNumber: 'UN-100001',
  agency: 'ilo',
  roles: ['LEARNER'],
};

function oerData() {
  const data = memoryData(3, 10);
  const courses: CourseRecord[] = data.courses.map((c, i) => ({
    ...c,
    licence: LICENCES[i % LICENCES.length] ?? null,
    provider: i % 2 === 0 ? 'UNESCO' : null,
    costModel: CostModel.FREE,
  }));
  return { ...data, courses };
}

let server: ApolloServer<AgencyContext>;
beforeAll(async () => {
  server = await createAgencyServer();
});
afterAll(async () => {
  await server.stop();
});

async function run(category: SourceKind, query: string, principal: Principal = AMINA) {
  const adapter = createMemoryAdapter(category === 'LMS' ? memoryData(3, 10) : oerData(), category);
  const response = await server.executeOperation(
    { query },
    {
      contextValue: createAgencyContext({ code: 'oer', name: 'OER', lmsKind: 'custom' }, adapter, {
        principal,
        viaGateway: true,
      }),
    },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return {
    adapter,
    result: response.body.singleResult as {
      data?: Data | null;
      errors?: { extensions?: Record<string, unknown>; message: string }[];
    },
  };
}

const ids = (data: Data | null | undefined) =>
  ((data?.courses.edges ?? []) as { node: { id: string } }[]).map((e) => e.node.id);

describe('course filters answered by the agency', () => {
  it('sourceKinds: an agency of another family answers nothing without asking its source', async () => {
    const { result, adapter } = await run(
      'OER',
      '{ courses(filter: { sourceKinds: [LMS, EXTERNAL] }) { totalCount } }',
    );
    expect(result.data?.courses.totalCount).toBe(0);
    expect(adapter.calls.listCourses).toBeUndefined();
    const own = await run(
      'OER',
      '{ courses(filter: { sourceKinds: [OER] }) { totalCount edges { node { sourceKind } } } }',
    );
    expect(own.result.data?.courses.totalCount).toBe(10);
    expect(own.result.data?.courses.edges[0].node.sourceKind).toBe('OER');
  });

  it('licence: by URI in any spelling, by Creative Commons code across versions and ports, or any CC', async () => {
    const licences = async (value: string) =>
      (
        await run('OER', `{ courses(filter: { licence: "${value}" }, first: 50) { edges { node { licence } } } }`)
      ).result.data?.courses.edges.map((e: { node: { licence: string } }) => e.node.licence);
    expect(await licences('http://www.creativecommons.org/licenses/by/4.0/legalcode')).toEqual([
      LICENCES[0],
      LICENCES[0],
    ]);
    expect(await licences('CC-BY-SA')).toEqual([LICENCES[1], LICENCES[1]]);
    expect(await licences('cc0')).toEqual([LICENCES[2], LICENCES[2]]);
    expect((await licences('cc'))?.length).toBe(6);
    const bad = await run('OER', '{ courses(filter: { licence: "GPL" }) { totalCount } }');
    expect(bad.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.result.errors?.[0]?.message).toMatch(/Creative Commons code/);
  });

  it('ids: reads only the listed courses of this agency, by batch, and keeps the other filters', async () => {
    const { result, adapter } = await run(
      'OER',
      '{ courses(filter: { ids: ["oer:course:3", "who:course:1", "oer:course:7", "oer:course:99"] }) { totalCount edges { node { id provider costModel } } } }',
    );
    expect(ids(result.data)).toEqual(expect.arrayContaining(['oer:course:3', 'oer:course:7']));
    expect(result.data?.courses.totalCount).toBe(2);
    expect(adapter.calls.listCourses).toBeUndefined();
    expect(adapter.calls.getCourses).toBe(1);
    expect(result.data?.courses.edges.map((e: { node: { costModel: string } }) => e.node.costModel)).toEqual([
      'FREE',
      'FREE',
    ]);
    const none = await run('OER', '{ courses(filter: { ids: ["who:course:1"] }) { totalCount } }');
    expect([none.result.data?.courses.totalCount, none.adapter.calls.getCourses]).toEqual([0, undefined]);
    const malformed = await run('OER', '{ courses(filter: { ids: ["nonsense"] }) { totalCount } }');
    expect(malformed.result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('curation: refused with a reason, since only the gateway can answer it', async () => {
    const { result } = await run('LMS', '{ courses(filter: { curation: RECOMMENDED }) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/answered by the gateway/);
  });

  it('an LMS course says LMS and has no licence, provider or cost model unless its source states them', async () => {
    const { result } = await run(
      'LMS',
      '{ courses(first: 1) { edges { node { sourceKind licence provider costModel } } } agencies { sourceKind } }',
    );
    expect(result.data?.courses.edges[0].node).toEqual({
      sourceKind: 'LMS',
      licence: null,
      provider: null,
      costModel: null,
    });
    expect(result.data?.agencies).toEqual([{ sourceKind: 'LMS' }]);
  });
});

describe('a catalogue source asked about people', () => {
  it('answers no learners, enrolments or credentials instead of LMS_UNSUPPORTED', async () => {
    const { result, adapter } = await run(
      'OER',
      `{ learners(match: { email: "amina.diallo@un.org" }) { id }
         enrollments(filter: { learner: { email: "amina.diallo@un.org" } }) { totalCount }
         credentials(filter: { learner: { email: "amina.diallo@un.org" } }) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ learners: [], enrollments: { totalCount: 0 }, credentials: { totalCount: 0 } });
    expect(adapter.calls.findLearners).toBeUndefined();
  });

  it('still applies the row-level rules first: an anonymous direct caller is refused', async () => {
    const { result } = await run('OER', '{ learners(match: { email: "amina.diallo@un.org" }) { id } }', {
      kind: 'anonymous',
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
