import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { type GraphQLResult, graphql } from '../support/graphql.js';

/**
 * Issue 16 end to end over the sandbox (real processes: identity provider, registry, six agencies —
 * four LMSs, an OER repository over the OAI-PMH simulator, a LinkedIn Learning style catalogue over the
 * platform simulator — and the gateway): source kinds, licences and curation as filters with exact
 * paging, and curation records written by curators only.
 */
let sandbox: Sandbox;
const tokens = new Map<string, string>();
async function ask<T>(email: string | null, query: string, variables: Record<string, unknown> = {}) {
  let headers: Record<string, string> = {};
  if (email) {
    let token = tokens.get(email);
    if (!token) {
      token = await obtainAccessToken({ issuer: sandbox.identityProvider.url, email });
      tokens.set(email, token);
    }
    headers = { authorization: `Bearer ${token}` };
  }
  return graphql<T>(sandbox.gateway.url, query, variables, headers);
}
const codes = (result: GraphQLResult<unknown>) => (result.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  sandbox = await startSandbox({ harvestOnStart: false, gatewayPort: 0 });
});
afterAll(async () => {
  await sandbox?.stop();
});

interface Node {
  id: string;
  sourceKind: string;
  licence: string | null;
  provider: string | null;
  costModel: string | null;
  language: string | null;
  durationMinutes: number | null;
  url: string | null;
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

/** Pages through `courses(filter: $filter)` with `first`, returning the nodes in order and the total. */
async function pageThrough(filter: Record<string, unknown>, first: number, email: string | null = null) {
  const query = `query($filter: CourseFilter, $after: String) {
    page: courses(filter: $filter, first: ${first}, after: $after, orderBy: { field: TITLE, direction: ASC }) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id sourceKind licence provider costModel language durationMinutes url } } } }`;
  const nodes: Node[] = [];
  let after: string | null = null;
  let total = -1;
  for (let guard = 0; guard < 200; guard += 1) {
    const result: GraphQLResult<{ page: Page }> = await ask<{ page: Page }>(email, query, { filter, after });
    expect(result.errors).toBeUndefined();
    const page = result.data!.page;
    if (total >= 0) expect(page.totalCount).toBe(total);
    total = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, total };
}

const owner = (id: string) => id.split(':')[0];

describe('sources beyond agency LMSs, through the registry like any agency', () => {
  it('shows each agency and course with its source kind', async () => {
    const result = await ask<{ agencies: { code: string; lmsKind: string; sourceKind: string }[] }>(
      null,
      '{ agencies { code lmsKind sourceKind } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.agencies.map((a) => [a.code, a.lmsKind, a.sourceKind])).toEqual([
      ['ilo', 'MOODLE', 'LMS'],
      ['linkedin', 'PLATFORM', 'EXTERNAL'],
      ['sdg-oer', 'OAIPMH', 'OER'],
      ['unicef', 'CORNERSTONE', 'LMS'],
      ['wfp', 'SUCCESSFACTORS', 'LMS'],
      ['who', 'MOODLE', 'LMS'],
    ]);
  });

  it('filters by sourceKinds (answered by each agency), paging exactly through OER and external courses', async () => {
    const { nodes, total } = await pageThrough({ sourceKinds: ['OER', 'EXTERNAL'] }, 7);
    expect(nodes).toHaveLength(total);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(total);
    expect(new Set(nodes.map((n) => owner(n.id)))).toEqual(new Set(['sdg-oer', 'linkedin']));
    const everything = await ask<{ courses: { totalCount: number } }>(null, '{ courses { totalCount } }');
    const lms = await ask<{ courses: { totalCount: number } }>(
      null,
      '{ courses(filter: { sourceKinds: [LMS] }) { totalCount } }',
    );
    expect(total + lms.data!.courses.totalCount).toBe(everything.data!.courses.totalCount);
    const external = nodes.filter((n) => n.sourceKind === 'EXTERNAL');
    expect(external.length).toBeGreaterThan(0);
    for (const course of external) {
      expect(course).toMatchObject({ provider: 'LinkedIn Learning', costModel: 'SUBSCRIPTION', licence: null });
      expect(course.language).toMatch(/^en/);
      expect(course.durationMinutes).toBeGreaterThan(0);
      expect(course.url).toMatch(/^https:\/\/www\.linkedin\.com\/learning\//);
    }
  });

  it('filters by licence across every agency: only openly licensed OER match, in exact pages', async () => {
    const cc = await pageThrough({ licence: 'cc' }, 5);
    expect(cc.nodes).toHaveLength(cc.total);
    expect(cc.total).toBeGreaterThan(0);
    expect(cc.nodes.every((n) => n.sourceKind === 'OER' && n.licence?.startsWith('https://creativecommons.org/'))).toBe(
      true,
    );
    const bySa = await pageThrough({ licence: 'CC-BY-SA' }, 3);
    expect(bySa.total).toBeGreaterThan(0);
    expect(bySa.total).toBeLessThan(cc.total);
    expect(bySa.nodes.every((n) => /\/licenses\/by-sa\//.test(n.licence ?? ''))).toBe(true);
    const bad = await ask(null, '{ courses(filter: { licence: "GPL" }) { totalCount } }');
    expect(new Set(codes(bad))).toEqual(new Set(['BAD_USER_INPUT']));
  });

  it('answers a transcript across agencies without errors: the catalogue sources hold nobody', async () => {
    const result = await ask<{ learners: { agency: { code: string } }[] }>(
      'amina.diallo@un.org',
      '{ learners(match: { email: "amina.diallo@un.org" }) { agency { code } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(new Set(result.data?.learners.map((l) => l.agency.code))).toEqual(new Set(['ilo', 'unicef', 'wfp', 'who']));
  });
});

describe('curation', () => {
  const RECORD = `mutation($input: RecordCurationInput!) {
    recordCuration(input: $input) { courseId status criteriaMet recommendedBy { code } reviewer } }`;
  const CURATION = `query($id: ID!) { course(id: $id) { id title curation {
    status criteriaMet criteria { id met } recommendedBy { code name } reviewer reviewerAgency reviewedAt
    history { status recommendedBy reviewerAgency } } } }`;
  let external: string;
  let oer: string;

  beforeAll(async () => {
    const pick = async (kind: string) => {
      const page = await ask<{ courses: { edges: { node: { id: string } }[] } }>(
        null,
        `{ courses(first: 1, filter: { sourceKinds: [${kind}], sdgs: [${kind === 'OER' ? 13 : 17}] }) { edges { node { id } } } }`,
      );
      return page.data!.courses.edges[0]!.node.id;
    };
    external = await pick('EXTERNAL');
    oer = await pick('OER');
  });

  it('a learning manager records a recommendation for their agency; it shows on Course.curation with its history', async () => {
    const recorded = await ask<{ recordCuration: { status: string; recommendedBy: { code: string }[] } }>(
      'learning.manager@who.int',
      RECORD,
      {
        input: {
          courseId: external,
          status: 'RECOMMENDED',
          criteriaMet: ['relevance', 'quality', 'learning-objectives'],
        },
      },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data?.recordCuration).toMatchObject({ status: 'RECOMMENDED', recommendedBy: [{ code: 'who' }] });
    const second = await ask('learning.manager@ilo.int', RECORD, {
      input: { courseId: oer, status: 'PROPOSED', criteriaMet: ['relevance'], recommendedBy: ['ilo'] },
    });
    expect(second.errors).toBeUndefined();
    const promoted = await ask('learning.manager@ilo.int', RECORD, {
      input: { courseId: oer, status: 'RECOMMENDED', criteriaMet: ['relevance', 'cost', 'accessibility'] },
    });
    expect(promoted.errors).toBeUndefined();

    type Shown = { course: { curation: Record<string, unknown> & { history: unknown[] } } };
    const shown = await ask<Shown>('analyst@unssc.org', CURATION, { id: oer });
    expect(shown.errors).toBeUndefined();
    expect(shown.data?.course.curation).toMatchObject({
      status: 'RECOMMENDED',
      criteriaMet: ['accessibility', 'cost', 'relevance'],
      recommendedBy: [{ code: 'ilo', name: expect.any(String) }],
      reviewer: 'learning.manager@ilo.int',
      reviewerAgency: 'ilo',
      history: [
        { status: 'PROPOSED', recommendedBy: ['ilo'], reviewerAgency: 'ilo' },
        { status: 'RECOMMENDED', recommendedBy: ['ilo'], reviewerAgency: 'ilo' },
      ],
    });
    const criteria = shown.data?.course.curation.criteria as { id: string; met: boolean }[];
    expect(criteria.filter((c) => c.met).map((c) => c.id)).toEqual(['relevance', 'accessibility', 'cost']);
    expect(criteria).toHaveLength(6);
    // Reviewers are people: anonymous callers see the curation but not who reviewed.
    const anonymous = await ask<Shown>(null, CURATION, { id: oer });
    expect(anonymous.data?.course.curation.status).toBe('RECOMMENDED');
    expect(anonymous.data?.course.curation.reviewer ?? null).toBeNull();
  });

  it('courses(filter: { curation: RECOMMENDED }) answers exactly the recommended courses, paged exactly', async () => {
    // The gateway follows the registry's curation lists with its directory (1 s polls in the sandbox).
    let recommended = { nodes: [] as Node[], total: 0 };
    for (let attempt = 0; attempt < 50 && recommended.total < 2; attempt += 1) {
      recommended = await pageThrough({ curation: 'RECOMMENDED' }, 1);
      if (recommended.total < 2) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recommended.total).toBe(2);
    expect(recommended.nodes.map((n) => n.id).sort()).toEqual([external, oer].sort());
    const combined = await pageThrough({ curation: 'RECOMMENDED', sourceKinds: ['OER'] }, 5);
    expect(combined.nodes.map((n) => n.id)).toEqual([oer]);
    const none = await ask<{ courses: { totalCount: number; edges: unknown[] } }>(
      null,
      '{ courses(filter: { curation: RETIRED }) { totalCount edges { node { id } } } }',
    );
    expect(none.errors).toBeUndefined();
    expect(none.data?.courses).toEqual({ totalCount: 0, edges: [] });
    // The same filter on Agency.courses (nested): each agency only its own recommended courses.
    const nested = await ask<{
      agencies: { code: string; courses: { totalCount: number; edges: { node: { id: string } }[] } }[];
    }>(null, '{ agencies { code courses(filter: { curation: RECOMMENDED }) { totalCount edges { node { id } } } } }');
    expect(nested.errors).toBeUndefined();
    const recommendedBy = Object.fromEntries(
      nested
        .data!.agencies.filter((a) => a.courses.totalCount > 0)
        .map((a) => [a.code, a.courses.edges.map((e) => e.node.id)]),
    );
    expect(recommendedBy).toEqual({ [owner(external)!]: [external], [owner(oer)!]: [oer] });
  });

  it('refuses non-curators: a learner is FORBIDDEN, anonymous UNAUTHENTICATED, another agency FORBIDDEN', async () => {
    const input = { courseId: external, status: 'RETIRED', criteriaMet: [] };
    const learner = await ask('amina.diallo@un.org', RECORD, { input });
    expect(codes(learner)).toEqual(['FORBIDDEN']);
    const anonymous = await ask(null, RECORD, { input });
    expect(codes(anonymous)).toEqual(['UNAUTHENTICATED']);
    // ILO's manager is a curator, but not of a course only WHO recommends.
    const otherAgency = await ask('learning.manager@ilo.int', RECORD, { input });
    expect(codes(otherAgency)).toEqual(['FORBIDDEN']);
    const still = await ask<{ course: { curation: { status: string; history: unknown[] } } }>(null, CURATION, {
      id: external,
    });
    expect(still.data?.course.curation).toMatchObject({ status: 'RECOMMENDED' });
    expect(still.data?.course.curation.history).toHaveLength(1);
  });
});
