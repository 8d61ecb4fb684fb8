import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AssertionSigner } from '../../gateway/auth/assertion.js';
import { compareSortKeys, decodeSortKeyCursor, type SortKey } from '../../schema/ordering.js';
import { DEFAULT_ASSERTION_ISSUER, PRINCIPAL_ASSERTION_HEADER, type Principal } from '../../schema/principal.js';
import { type Sandbox, startSandbox } from '../../subgraphs/cli/sandbox.js';
import { obtainAccessToken } from '../../subgraphs/cli/token.js';
import { graphql, simulatorControl } from '../support/graphql.js';

/**
 * Issue 3 end to end, over the sandbox agencies (Moodle ×2, Cornerstone, SuccessFactors, an OER repository, an
 * external platform catalogue) as real processes: exact cross-agency paging, summed stats, and partial
 * answers when one agency fails.
 */
// Generous for a loaded 2-core CI machine (Moodle stats take ~380 LMS calls, cold, right after six agencies
// start); the slow agency sleeps far longer.
const AGENCY_TIMEOUT_MS = 10_000;
const SLOW_LMS_MS = 20_000;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({
    harvestOnStart: false,
    gatewayPort: 0,
    gateway: { agencyTimeoutMs: AGENCY_TIMEOUT_MS, deadlineMs: AGENCY_TIMEOUT_MS + 2000 },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

/** What the sandbox gateway tells agencies when Amina asks: its signed assertion (the sandbox's key). */
const asAminaGateway = async () => {
  const signer = await AssertionSigner.create({
    privateKeyPem: sandbox.gatewayAssertionKey,
    issuer: DEFAULT_ASSERTION_ISSUER,
  });
  const principal: Principal = {
    kind: 'user',
    issuer: sandbox.identityProvider.url,
    subject: 'amina.diallo@un.org',
    email: 'amina.diallo@un.org',
    indexNumber: 'UN-100001',
    agency: 'ilo',
    roles: ['LEARNER'],
  };
  return { [PRINCIPAL_ASSERTION_HEADER]: await signer.assertionFor(principal) };
};

/** Personal data is read as its owner: an access token from the sandbox identity provider. */
const signedInAs = async (email: string) => ({
  authorization: `Bearer ${await obtainAccessToken({ issuer: sandbox.identityProvider.url, email })}`,
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string } }[];
}

/** Pages through a connection field with `first`, returning ids in order and the reported total. */
async function pageThrough(
  url: string,
  field: string,
  args: string,
  variables: Record<string, unknown>,
  first: number,
  headers: Record<string, string> = {},
) {
  const query = `query($after: String, ${Object.keys(variables)
    .map((k) => `$${k}: ${k === 'order' ? (field === 'courses' ? 'CourseOrder' : 'EnrollmentOrder') : 'String!'}`)
    .join(', ')}) {
    page: ${field}(first: ${first}, after: $after, ${args}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
  const ids: string[] = [];
  const cursors: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (let guard = 0; guard < 500; guard++) {
    const result: { data?: { page: Page } | null; errors?: unknown } = await graphql<{ page: Page }>(
      url,
      query,
      { ...variables, after },
      headers,
    );
    expect(result.errors).toBeUndefined();
    const page = result.data!.page;
    total = page.totalCount;
    ids.push(...page.edges.map((e) => e.node.id));
    cursors.push(...page.edges.map((e) => e.cursor));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { ids, cursors, total };
}

/**
 * The expected merge: every agency's own listing (read from each agency subgraph directly; personal
 * listings with a gateway assertion in `headers`), sorted by the shared total order.
 */
async function mergedAgencyListings(
  field: string,
  args: string,
  variables: Record<string, unknown>,
  descending: boolean,
  headers?: Record<string, string>,
) {
  const keys: SortKey[] = [];
  for (const agency of sandbox.agencies) {
    const { cursors } = await pageThrough(agency.subgraph.url, field, args, variables, 100, headers);
    keys.push(...cursors.map((c) => decodeSortKeyCursor(c)!));
  }
  return keys.sort((a, b) => compareSortKeys(a, b, descending)).map((key) => key[1]);
}

describe('cross-agency paging', () => {
  const orders = ['TITLE', 'UPDATED_AT', 'STARTS_AT', 'DURATION'].flatMap((field) =>
    ['ASC', 'DESC'].map((direction) => ({ field, direction })),
  );

  it.each(orders)('returns the whole catalogue exactly once in order: $field $direction', async (order) => {
    const args = 'orderBy: $order';
    const { ids, total } = await pageThrough(sandbox.gateway.url, 'courses', args, { order }, 7);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(ids).toEqual(await mergedAgencyListings('courses', args, { order }, order.direction === 'DESC'));
    // The LMS agencies, the OER repository and the external platform catalogue, merged with no special case.
    expect(new Set(ids.map((id) => id.split(':')[0]))).toEqual(
      new Set(['ilo', 'linkedin', 'sdg-oer', 'unicef', 'wfp', 'who']),
    );
  });

  it.each([
    { field: 'ENROLLED_AT', direction: 'ASC' },
    { field: 'COMPLETED_AT', direction: 'DESC' },
  ])("returns one learner's enrollments across agencies exactly once in order: $field $direction", async (order) => {
    const args = 'orderBy: $order, filter: { learner: { email: $email } }';
    const variables = { order, email: 'amina.diallo@un.org' };
    const { ids, total } = await pageThrough(
      sandbox.gateway.url,
      'enrollments',
      args,
      variables,
      7,
      await signedInAs('amina.diallo@un.org'),
    );
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total);
    expect(new Set(ids.map((id) => id.split(':')[0]))).toEqual(new Set(['ilo', 'unicef', 'wfp', 'who']));
    expect(ids).toEqual(
      await mergedAgencyListings('enrollments', args, variables, order.direction === 'DESC', await asAminaGateway()),
    );
  });
});

describe('liveLearningStats across agencies', () => {
  it('equals the sum of each agency, with the rate computed from the summed counts', async () => {
    const query = '{ liveLearningStats { enrollmentCount completedCount courseCount credentialCount completionRate } }';
    type Stats = {
      enrollmentCount: number;
      completedCount: number;
      courseCount: number;
      credentialCount: number;
      completionRate: number;
    };
    const total = await graphql<{ liveLearningStats: Stats }>(sandbox.gateway.url, query);
    expect(total.errors, JSON.stringify(total.errors)).toBeUndefined();
    const parts = await Promise.all(
      sandbox.agencies.map((a) => graphql<{ liveLearningStats: Stats }>(a.subgraph.url, query)),
    );
    const sum = (key: keyof Stats) => parts.reduce((s, p) => s + p.data!.liveLearningStats[key], 0);
    const stats = total.data!.liveLearningStats;
    for (const key of ['enrollmentCount', 'completedCount', 'courseCount', 'credentialCount'] as const) {
      expect(stats[key], key).toBe(sum(key));
    }
    expect(stats.completionRate).toBeCloseTo(sum('completedCount') / sum('enrollmentCount'), 12);
    const averageOfRates = parts.reduce((s, p) => s + p.data!.liveLearningStats.completionRate, 0) / parts.length;
    expect(stats.completionRate).not.toBeCloseTo(averageOfRates, 6);
  });
});

describe('one agency failing', () => {
  const TRANSCRIPT = `query($email: String!) {
    enrollments(filter: { learner: { email: $email } }, first: 100) { totalCount edges { node { id } } } }`;
  const agencyOf = (code: string) => sandbox.agencies.find((a) => a.code === code)!;

  it('slowed past the timeout: the others answer, with one AGENCY_TIMEOUT naming it, without waiting for it', async () => {
    const slow = simulatorControl(agencyOf('unicef').simulator.url);
    await slow.fault({ mode: 'slow', delayMs: SLOW_LMS_MS });
    try {
      const started = Date.now();
      const result = await graphql<{ enrollments: { edges: { node: { id: string } }[] } }>(
        sandbox.gateway.url,
        TRANSCRIPT,
        { email: 'lucia.fernandez@un.org' },
        await signedInAs('lucia.fernandez@un.org'),
      );
      const elapsed = Date.now() - started;
      expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
        ['AGENCY_TIMEOUT', 'unicef'],
      ]);
      const owners = new Set(result.data?.enrollments.edges.map((e) => e.node.id.split(':')[0]));
      expect(owners).toEqual(new Set(['ilo', 'wfp', 'who']));
      // Bounded by the agency timeout, not by the time the slow LMS would take.
      expect(elapsed).toBeLessThan(AGENCY_TIMEOUT_MS + 5000);
      expect(elapsed).toBeLessThan(SLOW_LMS_MS);
    } finally {
      await slow.fault({ mode: 'none' });
    }
  });

  it('with its simulator stopped: the others answer, with one AGENCY_UNAVAILABLE naming it', async () => {
    await agencyOf('wfp').simulator.kill();
    const result = await graphql<{ enrollments: { totalCount: number; edges: { node: { id: string } }[] } }>(
      sandbox.gateway.url,
      TRANSCRIPT,
      { email: 'lucia.fernandez@un.org' },
      await signedInAs('lucia.fernandez@un.org'),
    );
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
      ['AGENCY_UNAVAILABLE', 'wfp'],
    ]);
    const owners = new Set(result.data?.enrollments.edges.map((e) => e.node.id.split(':')[0]));
    expect(owners).toEqual(new Set(['ilo', 'unicef', 'who']));
  });

  it('with its subgraph process gone: the others answer, with one AGENCY_UNAVAILABLE naming it', async () => {
    await agencyOf('wfp').subgraph.kill();
    const result = await graphql<{ courses: { totalCount: number } }>(
      sandbox.gateway.url,
      '{ courses(first: 5) { totalCount } }',
    );
    expect(result.errors?.map((e) => [e.extensions?.code, e.extensions?.agency])).toEqual([
      ['AGENCY_UNAVAILABLE', 'wfp'],
    ]);
    expect(result.data?.courses.totalCount).toBeGreaterThan(0);
  });
});
