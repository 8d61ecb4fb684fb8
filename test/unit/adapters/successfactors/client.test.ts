import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createSuccessFactorsClient, SUCCESSFACTORS_PATHS } from '../../../../adapters/successfactors/client.js';
import { successFactorsConfigSchema } from '../../../../adapters/successfactors/config.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';
import { fixture } from './fixtures.js';

// Loopback only: with net connect disabled elsewhere, nothing leaves the process (STYLE.md B5).
const BASE = 'http://127.0.0.1:9';
const BASIC = `Basic ${Buffer.from('UNTEST:s3cret-value').toString('base64')}`;
const MIN_INTERVAL_MS = 100;

const config = successFactorsConfigSchema.parse({
  kind: 'successfactors',
  baseUrl: BASE,
  clientId: 'UNTEST',
  clientSecret: 's3cret-value',
  companyId: 'UNTESTCO',
  userId: 'sfadmin',
  minIntervalMs: MIN_INTERVAL_MS,
});
const client = () => createSuccessFactorsClient(config, 'test-agency');
const page = (value: unknown[], extra: Record<string, unknown> = {}) => ({ value, ...extra });
const EXPECTED_SCOPE = {
  userId: 'sfadmin',
  companyId: 'UNTESTCO',
  userType: 'admin',
  resourceType: 'learning_public_api',
};

/** Intention-named mock: the token server issues `token` once, checking Basic auth and the scope object. */
function mockTokenIssued(token: string) {
  return nock(BASE)
    .post(SUCCESSFACTORS_PATHS.token, (body: { grant_type?: string; scope?: unknown }) => {
      return body.grant_type === 'client_credentials' && JSON.stringify(body.scope) === JSON.stringify(EXPECTED_SCOPE);
    })
    .matchHeader('authorization', BASIC)
    .matchHeader('content-type', /application\/json/)
    .reply(200, { ...fixture('token.success'), access_token: token });
}

const failure = lmsRejection;

useNockHygiene();

describe('token (lms-apis.md §3.1)', () => {
  it('asks with HTTP Basic and a nested scope object, then calls with the bearer token', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.coursesFeed('PUBLIC'))
      .query({ $filter: "criteria/localeID eq 'English'", $top: '500', $skip: '0', $count: 'true' })
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(200, fixture('coursesFeed.page'));
    const c = client();
    const rows = await c.catalogueCourses();
    expect(rows.map((r) => r.componentID)).toEqual(['ETH-101', 'GEN-210', 'CUR-ONBOARD']);
    c.dispose();
  });

  it('reuses a token until it expires', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.catalogs)
      .query(true)
      .times(2)
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(200, page([]));
    const c = client();
    await c.ping();
    await c.ping();
    c.dispose();
  });

  it('refreshes the token once on 401 "The token has expired." and retries', async () => {
    mockTokenIssued('tok-old');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query(true)
      .matchHeader('authorization', 'Bearer tok-old')
      .reply(401, fixture('learningHistory.tokenExpired'));
    mockTokenIssued('tok-new');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query((q) => q.$filter === "criteria/targetUserID eq 'U1'")
      .matchHeader('authorization', 'Bearer tok-new')
      .reply(200, fixture('learningHistory.mixedUnits'));
    const c = client();
    expect(await c.learningHistory('U1')).toHaveLength(4);
    c.dispose();
  });

  it('also refreshes when the expired-token answer comes with another status', async () => {
    mockTokenIssued('tok-old');
    nock(BASE).get(SUCCESSFACTORS_PATHS.history).query(true).reply(403, fixture('learningHistory.tokenExpired'));
    mockTokenIssued('tok-new');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query(true)
      .matchHeader('authorization', 'Bearer tok-new')
      .reply(200, page([]));
    const c = client();
    expect(await c.learningHistory('U1')).toEqual([]);
    c.dispose();
  });

  it('reports a rejected secret (403, no token) as LMS_FORBIDDEN without leaking it', async () => {
    nock(BASE).post(SUCCESSFACTORS_PATHS.token).reply(403, fixture('token.invalidClient'));
    const c = client();
    const error = await failure(c.ping());
    expect(error.code).toBe('LMS_FORBIDDEN');
    expect(error.retryable).toBe(false);
    expect(JSON.stringify({ m: error.message, u: error.upstream })).not.toContain('s3cret');
    c.dispose();
  });
});

describe('errors (lms-apis.md §3.2)', () => {
  it('maps an OData error envelope to a code, keeping the vendor code but not the text', async () => {
    mockTokenIssued('tok-1');
    nock(BASE).get(SUCCESSFACTORS_PATHS.history).query(true).reply(400, fixture('learningHistory.badFilter'));
    const c = client();
    const error = await failure(c.learningHistory('U1'));
    expect(error.code).toBe('LMS_BAD_REQUEST');
    expect(error.retryable).toBe(false);
    expect(error.upstream).toEqual({
      method: 'GET',
      url: `${BASE}${SUCCESSFACTORS_PATHS.history}`,
      status: 400,
      vendorCode: '400',
    });
    expect(error.message).not.toContain('criteria');
    c.dispose();
  });

  it('answers "No search results" (HTTP 500) as an empty result', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.items)
      .query({
        $filter: "criteria/itemID eq 'NOPE' and criteria/itemTypeID eq 'COURSE'",
        $top: '500',
        $skip: '0',
        $count: 'true',
      })
      .reply(500, fixture('items.noSearchResults'));
    const c = client();
    expect(await c.searchItems('COURSE', 'NOPE')).toEqual([]);
    c.dispose();
  });

  it('retries any other 500 as an outage', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.items)
      .query(true)
      .reply(500, { error: { code: '500', message: 'Internal' } });
    nock(BASE).get(SUCCESSFACTORS_PATHS.items).query(true).reply(200, fixture('items.byId'));
    const c = client();
    expect(await c.searchItems('COURSE', 'ETH-101')).toHaveLength(2);
    c.dispose();
  });

  it('backs off on 429 "API calling limit exceeded" by at least the service interval, then succeeds', async () => {
    mockTokenIssued('tok-1');
    const times: number[] = [];
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query(true)
      .reply(() => {
        times.push(Date.now());
        return [429, fixture('students.rateLimited')];
      });
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query((q) => q.$filter === "scriteria/personExternalID eq 'UN-100001'")
      .reply(() => {
        times.push(Date.now());
        return [200, fixture('students.byExternalId')];
      });
    const c = client();
    expect(await c.searchStudents({ personExternalID: 'UN-100001' })).toHaveLength(2);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
    c.dispose();
  });

  it('reports a body that is not an OData collection as LMS_BAD_RESPONSE', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.catalogs)
      .query(true)
      .reply(200, { d: { results: [] } });
    const c = client();
    expect((await failure(c.ping())).code).toBe('LMS_BAD_RESPONSE');
    c.dispose();
  });
});

describe('paging (lms-apis.md §3.3)', () => {
  const rows = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ studentID: `S${from + i}`, firstName: 'A', lastName: 'B' }));

  it('advances $skip by the rows received when the server returns fewer than asked', async () => {
    mockTokenIssued('tok-1');
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query((q) => q.$skip === '0')
      .reply(200, page(rows(0, 300), { '@odata.count': 700 }));
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.students)
      .query((q) => q.$skip === '300')
      .reply(200, page(rows(300, 400), { '@odata.count': 700 }));
    const c = client();
    const all = await c.searchStudents({ isActive: true });
    expect(all.map((s) => s.studentID)).toEqual(rows(0, 700).map((s) => s.studentID));
    c.dispose();
  });

  it('follows @odata.nextLink on the same host and refuses one to another host', async () => {
    mockTokenIssued('tok-1');
    const row = (componentID: string) => ({ componentTypeID: 'COURSE', componentID, revisionDate: 1704067200000 });
    const next = (skip: number) => `${BASE}${SUCCESSFACTORS_PATHS.history}?$skip=${skip}&$top=1000`;
    const history = nock(BASE).get(SUCCESSFACTORS_PATHS.history);
    history.query((q) => q.$skip === '0').reply(200, page([row('A')], { '@odata.nextLink': next(1) }));
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query({ $skip: '1', $top: '1000' })
      .reply(200, page([row('B')]));
    const c = client();
    expect((await c.learningHistory('U1')).map((r) => r.componentID)).toEqual(['A', 'B']);

    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.history)
      .query((q) => q.$skip === '0')
      .reply(200, page([row('A')], { '@odata.nextLink': 'http://elsewhere.invalid/next' }));
    expect((await failure(c.learningHistory('U1'))).code).toBe('LMS_BAD_RESPONSE');
    c.dispose();
  });

  it('pages the to-do list by criteria/minRowNum and maxRowNum windows', async () => {
    mockTokenIssued('tok-1');
    const item = { componentTypeID: 'COURSE', componentID: 'X', revisionDate: 1704067200000 };
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.todoItems)
      .query({ $filter: "criteria/targetUserID eq 'U1' and criteria/minRowNum eq 0 and criteria/maxRowNum eq 500" })
      .reply(200, page(Array.from({ length: 500 }, () => item)));
    nock(BASE)
      .get(SUCCESSFACTORS_PATHS.todoItems)
      .query({ $filter: "criteria/targetUserID eq 'U1' and criteria/minRowNum eq 500 and criteria/maxRowNum eq 1000" })
      .reply(200, page([item]));
    const c = client();
    expect(await c.todoItems('U1')).toHaveLength(501);
    c.dispose();
  });
});
