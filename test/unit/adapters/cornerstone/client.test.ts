import { readFileSync } from 'node:fs';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { LmsError } from '../../../../adapters/core/errors.js';
import { createCornerstoneClient } from '../../../../adapters/cornerstone/client.js';
import { type CornerstoneConfig, cornerstoneConfigSchema } from '../../../../adapters/cornerstone/config.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { useNockHygiene } from '../../../support/nock.js';

const PORTAL = 'https://portal.csod.test';
const EMPLOYEES = '/services/api/x/users/v2/employees';
const TOKEN = '/services/api/oauth2/token';
const fixture = (name: string): nock.Body =>
  JSON.parse(readFileSync(new URL(`../../../../adapters/cornerstone/fixtures/${name}.json`, import.meta.url), 'utf8'));
const envelope = (status: number) => ({
  status: String(status),
  timeStamp: '2024-05-01T10:00:00+0000',
  error: { errorId: 'e1', message: `failure ${status}`, code: String(status), description: null, details: null },
});

const config: CornerstoneConfig = validateConfig(cornerstoneConfigSchema, {
  kind: 'cornerstone',
  baseUrl: PORTAL,
  clientId: 'client-1',
  clientSecret: 's3cr3t-value',
});
const clients: Array<{ dispose(): void }> = [];
/** A short rate window only where a test waits for the next window (the 429 case). */
const newClient = (rateWindowMs = 60_000) => {
  const client = createCornerstoneClient({ ...config, rateWindowMs }, { agency: 'unhcr', backoffBaseMs: 1 });
  clients.push(client);
  return client;
};
const portal = () => nock(PORTAL);
const token = (value = 'tok-1') => ({ access_token: value, expires_in: 3600, scope: 'all', token_type: 'Bearer' });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('expected an error'),
    (e: unknown) => e as LmsError,
  );

useNockHygiene();
afterEach(() => {
  for (const client of clients.splice(0)) client.dispose();
});

describe('cornerstone client', () => {
  it('asks for a token with the camelCase JSON body and sends it as a Bearer header', async () => {
    portal()
      .post(TOKEN, {
        clientId: 'client-1',
        clientSecret: 's3cr3t-value',
        grantType: 'client_credentials',
        scope: 'all',
      })
      .matchHeader('content-type', /application\/json/)
      .reply(200, fixture('oauth2-token.success'));
    portal()
      .get(EMPLOYEES)
      .query({ externalId: 'UN-100002' })
      .matchHeader('authorization', 'Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.scrubbed')
      .reply(200, fixture('employees.by-external-id'));
    const answer = await newClient().employees({ externalId: 'UN-100002' });
    expect(answer).toEqual(fixture('employees.by-external-id'));
  });

  it('reuses one token for many concurrent calls', async () => {
    portal().post(TOKEN).once().reply(200, token());
    portal().get(EMPLOYEES).query(true).times(8).matchHeader('authorization', 'Bearer tok-1').reply(200, { data: [] });
    const client = newClient();
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.employees({ ids: String(i) })));
  });

  it('renews the token once on a 401 and retries the call', async () => {
    portal().post(TOKEN).reply(200, token('old')).post(TOKEN).reply(200, token('new'));
    portal().get(EMPLOYEES).query(true).matchHeader('authorization', 'Bearer old').reply(401, fixture('error.401'));
    portal()
      .get(EMPLOYEES)
      .query(true)
      .matchHeader('authorization', 'Bearer new')
      .reply(200, { data: [{ id: 1 }] });
    expect(await newClient().employees({ ids: '1' })).toEqual({ data: [{ id: 1 }] });
  });

  it('backs off on a 429 envelope until the next window and then succeeds', async () => {
    portal().post(TOKEN).reply(200, token());
    portal()
      .get(EMPLOYEES)
      .query(true)
      .reply(429, fixture('error.429'), {
        'x-csod-throttling-rate-limit-urilevel': '600',
        'x-csod-requests-remaining-urilevel': '0',
      })
      .get(EMPLOYEES)
      .query(true)
      .reply(200, { data: [{ id: 2 }] });
    const started = Date.now();
    expect(await newClient(200).employees({ ids: '2' })).toEqual({ data: [{ id: 2 }] });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it.each([
    [403, 'LMS_FORBIDDEN', false],
    [404, 'LMS_NOT_FOUND', false],
    [400, 'LMS_BAD_REQUEST', false],
  ] as const)('maps a %i envelope to %s', async (status, code, retryable) => {
    portal().post(TOKEN).reply(200, token());
    portal().get(EMPLOYEES).query(true).reply(status, envelope(status));
    const error = await failure(newClient().employees({}));
    expect(error).toBeInstanceOf(LmsError);
    expect([error.code, error.retryable, error.upstream?.vendorCode]).toEqual([code, retryable, String(status)]);
  });

  it('retries a 500 envelope and reports LMS_UNAVAILABLE when it persists', async () => {
    portal().post(TOKEN).reply(200, token());
    portal().get(EMPLOYEES).query(true).times(5).reply(500, envelope(500));
    const error = await failure(newClient().employees({}));
    expect([error.code, error.retryable]).toEqual(['LMS_UNAVAILABLE', true]);
  });

  it('reads a legacy error status inside a 200 envelope', async () => {
    portal().post(TOKEN).reply(200, token());
    portal()
      .get('/services/api/Catalog/GlobalSearch')
      .query({ PageNumber: 1 })
      .reply(200, { status: '400', timeStamp: '2024-05-01T10:00:00', message: 'Invalid object id Guid', data: [] });
    expect((await failure(newClient().catalogSearch(1))).code).toBe('LMS_BAD_REQUEST');
  });

  it('retries a reporting answer that broke off with an error inside a 200 body', async () => {
    const view = '/services/api/x/odata/api/views/vw_rpt_user';
    portal().post(TOKEN).reply(200, token());
    portal()
      .get(view)
      .query(true)
      .reply(200, '{"value":[{"user_id":1},{"error":{"code":"500","message":"interrupted"}}', {
        'content-type': 'application/json',
      })
      .get(view)
      .query(true)
      .reply(200, fixture('odata-vw_rpt_user.by-email'));
    expect((await newClient().reportView('vw_rpt_user', {})).value).toHaveLength(1);
  });

  it('refuses a next link to another host, and never leaks the secret', async () => {
    const client = newClient();
    expect((await failure(client.reportNext('https://evil.test/x'))).code).toBe('LMS_BAD_RESPONSE');
    portal().post(TOKEN).reply(401, envelope(401));
    const error = await failure(client.employees({}));
    expect([error.code, error.retryable]).toEqual(['LMS_UNAUTHENTICATED', false]);
    expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toContain('s3cr3t');
  });

  it('reports a token endpoint 400 as rejected credentials', async () => {
    portal().post(TOKEN).reply(400, envelope(400));
    const error = await failure(newClient().employees({}));
    expect([error.code, error.retryable]).toEqual(['LMS_UNAUTHENTICATED', false]);
  });
});
