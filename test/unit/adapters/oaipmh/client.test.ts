import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createOaiPmhClient } from '../../../../adapters/oaipmh/client.js';
import { Secret } from '../../../../schema/config/secret.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';
import { fixtureText } from './fixtures.js';

const ORIGIN = 'https://oer.example.org';
const PATH = '/oai/request';
const XML = { 'content-type': 'text/xml; charset=utf-8' };

const client = (overrides: Partial<Parameters<typeof createOaiPmhClient>[0]> = {}) =>
  createOaiPmhClient({
    baseUrl: `${ORIGIN}${PATH}`,
    agency: 'oer',
    retries: 0,
    backoffBaseMs: 1,
    timeoutMs: 2_000,
    ...overrides,
  });

/** Intention-named mock: "the repository answers this GET with this fixture", capturing the query. */
function repositoryAnswers(fixture: string, status = 200) {
  const seen: Array<{ query: Record<string, string>; headers: Record<string, unknown> }> = [];
  nock(ORIGIN)
    .get(PATH)
    .query(true)
    .reply(function reply(uri) {
      seen.push({
        query: Object.fromEntries(new URL(uri, ORIGIN).searchParams),
        headers: this.req.headers as Record<string, unknown>,
      });
      return [status, fixtureText(fixture), XML];
    });
  return seen;
}

useNockHygiene();

describe('OAI-PMH client: requests (§3.1.1)', () => {
  it('sends the verb and its arguments as a GET query on the base URL', async () => {
    const seen = repositoryAnswers('ListRecords.oai_dc.firstPage');
    const page = await client().listRecords({
      format: 'oai_dc',
      args: { metadataPrefix: 'oai_dc', from: '2026-01-01T00:00:00Z', set: 'col_123456789_7' },
    });
    expect(seen[0]?.query).toEqual({
      verb: 'ListRecords',
      metadataPrefix: 'oai_dc',
      from: '2026-01-01T00:00:00Z',
      set: 'col_123456789_7',
    });
    expect(String(seen[0]?.headers.accept)).toContain('text/xml');
    expect(page.records).toHaveLength(3);
    expect(page.resumptionToken?.value).toBe('oai_dc////100');
  });

  it('sends a resumption token alone, as the exclusive argument', async () => {
    const seen = repositoryAnswers('ListRecords.oai_dc.lastPage');
    await client().listRecords({ format: 'oai_dc', resumptionToken: 'oai_dc////100' });
    expect(seen[0]?.query).toEqual({ verb: 'ListRecords', resumptionToken: 'oai_dc////100' });
  });

  it('POSTs form-encoded arguments when configured, with Basic credentials', async () => {
    const seen: Array<{ body: string; headers: Record<string, unknown> }> = [];
    nock(ORIGIN)
      .post(PATH)
      .reply(function reply(_uri, body) {
        seen.push({ body: String(body), headers: this.req.headers as Record<string, unknown> });
        return [200, fixtureText('Identify.ok'), XML];
      });
    const identity = await client({
      httpMethod: 'POST',
      auth: { kind: 'basic', username: 'harvester', password: new Secret('s3cret') },
    }).identify();
    expect(identity).toMatchObject({ granularity: 'YYYY-MM-DDThh:mm:ssZ', deletedRecord: 'transient' });
    expect(seen[0]?.body).toBe('verb=Identify');
    expect(seen[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]?.headers.authorization).toBe(`Basic ${Buffer.from('harvester:s3cret').toString('base64')}`);
  });

  it('lists metadata formats, readable or not', async () => {
    repositoryAnswers('ListMetadataFormats.ok');
    const formats = await client().listMetadataFormats();
    expect(formats.map((f) => f.metadataPrefix)).toEqual(['oai_dc', 'mods', 'ieee_lom', 'marc21']);
  });
});

describe('OAI-PMH client: error codes (§3.6)', () => {
  it('reads noRecordsMatch as an empty, complete list (an incremental harvest with nothing new)', async () => {
    repositoryAnswers('ListRecords.noRecordsMatch');
    const page = await client().listRecords({
      format: 'oai_dc',
      args: { metadataPrefix: 'oai_dc', from: '2026-03-02T10:00:00Z' },
    });
    expect(page.records).toEqual([]);
    expect(page.itemCount).toBe(0);
    expect(page.resumptionToken?.value).toBe('');
  });

  it('answers GetRecord for an unknown identifier with null (idDoesNotExist)', async () => {
    repositoryAnswers('GetRecord.idDoesNotExist');
    expect(await client().getRecord('oai:oer.example.org:none', 'oai_dc', 'oai_dc')).toBeNull();
  });

  it('reads GetRecord', async () => {
    repositoryAnswers('GetRecord.ok');
    const record = await client().getRecord('oai:oer.example.org:123456789/42', 'oai_dc', 'oai_dc');
    expect(record).toMatchObject({ identifier: 'oai:oer.example.org:123456789/42', deleted: false });
  });

  it.each([
    ['ListRecords.badResumptionToken', 'LMS_BAD_REQUEST', 'badResumptionToken'],
    ['ListRecords.cannotDisseminateFormat', 'LMS_UNSUPPORTED', 'cannotDisseminateFormat'],
    ['ListRecords.badArgument', 'LMS_BAD_REQUEST', 'badArgument'],
    ['error.badVerb', 'LMS_BAD_REQUEST', 'badVerb'],
  ])('maps %s to %s, keeping the OAI code but not the repository text', async (fixture, code, vendorCode) => {
    repositoryAnswers(fixture);
    const error = await lmsRejection(client().listRecords({ format: 'oai_dc', resumptionToken: 'oai_dc////100' }));
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
    expect(error.upstream?.vendorCode).toBe(vendorCode);
    expect(error.message).not.toMatch(/expired\.|not supported by this repository|Illegal/);
  });
});

describe('OAI-PMH client: answers that are not OAI-PMH', () => {
  it.each([
    ['ListRecords.badXml', /does not parse/],
    ['ListRecords.htmlPage', /not an OAI-PMH 2.0 response/],
  ])('%s is LMS_BAD_RESPONSE', async (fixture, message) => {
    repositoryAnswers(fixture);
    const error = await lmsRejection(client().listRecords({ format: 'oai_dc', args: { metadataPrefix: 'oai_dc' } }));
    expect(error.code).toBe('LMS_BAD_RESPONSE');
    expect(error.message).toMatch(message);
  });

  it('rejects a JSON body and an empty body as not XML', async () => {
    nock(ORIGIN).get(PATH).query(true).reply(200, { hello: 'world' });
    expect((await lmsRejection(client().identify())).code).toBe('LMS_BAD_RESPONSE');
    nock(ORIGIN).get(PATH).query(true).reply(200, '', XML);
    expect((await lmsRejection(client().identify())).code).toBe('LMS_BAD_RESPONSE');
  });

  it('rejects an Identify without granularity or deletedRecord', async () => {
    nock(ORIGIN)
      .get(PATH)
      .query(true)
      .reply(200, fixtureText('Identify.ok').replace('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>', ''), XML);
    const error = await lmsRejection(client().identify());
    expect([error.code, error.message]).toEqual([
      'LMS_BAD_RESPONSE',
      "The repository's Identify answer lacks a valid granularity.",
    ]);
  });

  it('maps HTTP failures through the shared client: 503 with Retry-After (flow control), 401', async () => {
    nock(ORIGIN).get(PATH).query(true).reply(503, '', { 'retry-after': '7' });
    const unavailable = await lmsRejection(client().identify());
    expect([unavailable.code, unavailable.retryable, unavailable.retryAfterMs]).toEqual([
      'LMS_UNAVAILABLE',
      true,
      7_000,
    ]);
    nock(ORIGIN).get(PATH).query(true).reply(401, '');
    expect((await lmsRejection(client().identify())).code).toBe('LMS_UNAUTHENTICATED');
  });

  it('retries a 503 and then reads the answer', async () => {
    nock(ORIGIN).get(PATH).query(true).reply(503, '', { 'retry-after': '0' });
    repositoryAnswers('Identify.ok');
    expect((await client({ retries: 2 }).identify()).repositoryName).toBe('Example Open Learning Repository');
  });
});
