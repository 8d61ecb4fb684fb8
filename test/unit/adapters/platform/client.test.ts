import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createPlatformClient, platformConfigSchema } from '../../../../adapters/platform/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';
import { fixtureText } from './fixtures.js';

const JSON_TYPE = { 'content-type': 'application/json' };

const client = (settings: Record<string, unknown>) =>
  createPlatformClient(validateConfig(platformConfigSchema, { kind: 'platform', retries: 0, ...settings }), {
    agency: 'ext',
    backoffBaseMs: 1,
  });

useNockHygiene();

describe('platform client: Coursera', () => {
  it('asks courses.v1 for the fields the mapper reads and the linked partners, without credentials', async () => {
    let seen: { query: Record<string, string>; authorization: unknown } | undefined;
    nock('https://api.coursera.org')
      .get('/api/courses.v1')
      .query(true)
      .reply(function reply(uri) {
        seen = {
          query: Object.fromEntries(new URL(uri, 'https://x').searchParams),
          authorization: this.req.headers.authorization,
        };
        return [200, fixtureText('coursera-courses.page1'), JSON_TYPE];
      });
    const page = await client({ api: 'coursera', pageSize: 2 }).courseraCourses(4, 2);
    expect(seen?.query).toEqual({
      start: '4',
      limit: '2',
      fields: 'name,slug,courseType,description,workload,primaryLanguages,partnerIds,domainTypes',
      includes: 'partnerIds',
    });
    expect(seen?.authorization).toBeUndefined();
    expect(page.paging).toEqual({ next: '2', total: 3 });
  });

  it('maps a page that is not one, an HTML body and HTTP errors to coded errors', async () => {
    const c = client({ api: 'coursera' });
    nock('https://api.coursera.org').get('/api/courses.v1').query(true).reply(200, { elements: 'none' });
    expect((await lmsRejection(c.courseraCourses(0, 100))).message).toMatch(/not one \(elements: /);
    nock('https://api.coursera.org').get('/api/courses.v1').query(true).reply(200, '<html>maintenance</html>', {
      'content-type': 'text/html',
    });
    expect((await lmsRejection(c.courseraCourses(0, 100))).code).toBe('LMS_BAD_RESPONSE');
    nock('https://api.coursera.org').get('/api/courses.v1').query(true).reply(429, {}, { 'retry-after': '7' });
    const limited = await lmsRejection(c.courseraCourses(0, 100));
    expect([limited.code, limited.retryAfterMs]).toEqual(['LMS_RATE_LIMITED', 7000]);
    nock('https://api.coursera.org').get('/api/courses.v1').query(true).reply(500, { secret: 'upstream body' });
    const down = await lmsRejection(c.courseraCourses(0, 100));
    expect(down.code).toBe('LMS_UNAVAILABLE');
    expect(down.message).not.toMatch(/upstream body/);
  });
});

describe('platform client: Open edX', () => {
  it('pages by number; with credentials it gets a JWT (token_type=jwt) and sends `Authorization: JWT`', async () => {
    let form: URLSearchParams | undefined;
    nock('https://courses.example.org')
      .post('/oauth2/access_token', (body: string) => {
        form = new URLSearchParams(body);
        return true;
      })
      .reply(200, fixtureText('edx-token.success'), JSON_TYPE);
    let authorization: unknown;
    nock('https://courses.example.org')
      .get('/api/courses/v1/courses/')
      .query({ page: '2', page_size: '2' })
      .reply(function reply() {
        authorization = this.req.headers.authorization;
        return [200, fixtureText('edx-courses.page1'), JSON_TYPE];
      });
    const c = client({
      api: 'edx',
      baseUrl: 'https://courses.example.org',
      credentials: { clientId: 'catalogue', clientSecret: 's3cret' },
    });
    const page = await c.edxCourses(2, 2);
    expect(Object.fromEntries(form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'catalogue',
      client_secret: 's3cret',
      token_type: 'jwt',
    });
    expect(authorization).toBe('JWT eyJhbGciOiJIUzI1NiJ9.placeholder.signature');
    expect(page.pagination.count).toBe(3);
  });

  it('reads DRF `Invalid page.` as LMS_NOT_FOUND and a throttle as LMS_RATE_LIMITED with its wait', async () => {
    const c = client({ api: 'edx', baseUrl: 'https://courses.example.org' });
    nock('https://courses.example.org')
      .get('/api/courses/v1/courses/')
      .query(true)
      .reply(404, fixtureText('edx-courses.invalidPage'), JSON_TYPE);
    expect((await lmsRejection(c.edxCourses(9, 100))).code).toBe('LMS_NOT_FOUND');
    nock('https://courses.example.org')
      .get('/api/courses/v1/courses/')
      .query(true)
      .reply(429, fixtureText('edx-courses.throttled'), { ...JSON_TYPE, 'retry-after': '2' });
    const throttled = await lmsRejection(c.edxCourses(1, 100));
    expect([throttled.code, throttled.retryAfterMs]).toEqual(['LMS_RATE_LIMITED', 2000]);
  });
});

describe('platform client: LinkedIn Learning', () => {
  const settings = {
    api: 'linkedin-learning',
    baseUrl: 'https://api.linkedin.example',
    tokenUrl: 'https://www.linkedin.example/oauth/v2/accessToken',
    clientId: 'catalogue',
    clientSecret: 's3cret',
    sourceLocale: { language: 'fr', country: 'FR' },
  };

  it('gets a 2-legged token once, asks the localeAndType finder, and renews the token after a 401', async () => {
    let tokens = 0;
    nock('https://www.linkedin.example')
      .post('/oauth/v2/accessToken')
      .times(2)
      .reply(() => {
        tokens += 1;
        return [200, { access_token: `token-${tokens}`, expires_in: 7775999 }];
      });
    const seen: Array<{ query: Record<string, string>; authorization: unknown }> = [];
    const assets = nock('https://api.linkedin.example').get('/v2/learningAssets').query(true);
    assets.times(3).reply(function reply(uri) {
      const authorization = this.req.headers.authorization;
      seen.push({ query: Object.fromEntries(new URL(uri, 'https://x').searchParams), authorization });
      return authorization === 'Bearer token-1' && seen.length === 2
        ? [401, fixtureText('linkedin-error.401'), JSON_TYPE]
        : [200, fixtureText('linkedin-learningAssets.page1'), JSON_TYPE];
    });
    const c = client(settings);
    await c.linkedInAssets(0, 50);
    await c.linkedInAssets(50, 50);
    expect(seen[0]?.query).toEqual({
      q: 'localeAndType',
      assetType: 'COURSE',
      'sourceLocale.language': 'fr',
      'sourceLocale.country': 'FR',
      expandDepth: '1',
      includeRetired: 'false',
      start: '0',
      count: '50',
    });
    expect(seen.map((s) => s.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
    expect(tokens).toBe(2);
  });

  it('reports refused client credentials as LMS_UNAUTHENTICATED, without the secret anywhere', async () => {
    nock('https://www.linkedin.example')
      .post('/oauth/v2/accessToken')
      .reply(400, { error: 'invalid_client', error_description: 'Client authentication failed' });
    const error = await lmsRejection(client(settings).linkedInAssets(0, 10));
    expect(error.code).toBe('LMS_UNAUTHENTICATED');
    expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toMatch(/s3cret/);
  });
});
