import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OAI_NS } from '../../../../adapters/oaipmh/dto.js';
import {
  generateOerDataset,
  type OaiPmhSimulatorHandle,
  startOaiPmhSimulator,
} from '../../../../adapters/oaipmh/index.js';
import { child, children, parseXml, type XmlElement } from '../../../../adapters/oaipmh/xml.js';

let sim: OaiPmhSimulatorHandle;

async function oai(
  query: string,
  init: RequestInit = {},
): Promise<{ status: number; root: XmlElement; type: string | null }> {
  const response = await fetch(init.method === 'POST' ? sim.baseUrl : `${sim.baseUrl}?${query}`, init);
  return { status: response.status, root: parseXml(await response.text()), type: response.headers.get('content-type') };
}
const errorCode = (root: XmlElement) => child(root, 'error', OAI_NS)?.attrs.code ?? null;
const token = (root: XmlElement) => child(child(root, 'ListRecords', OAI_NS), 'resumptionToken', OAI_NS);
const records = (root: XmlElement) => children(child(root, 'ListRecords', OAI_NS), 'record', OAI_NS);
const control = (path: string, body?: unknown, method = 'POST') =>
  fetch(`${sim.url}/__sim/oai/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

beforeAll(async () => {
  sim = await startOaiPmhSimulator({ seed: 7, pageSize: 10, tokenTtlMs: 60_000 });
});
beforeEach(() => sim.reset());
afterAll(() => sim.close());

describe('OAI-PMH simulator: responses (§3.2)', () => {
  it('answers Identify in the OAI namespace with text/xml, over GET and form POST alike', async () => {
    const get = await oai('verb=Identify');
    const post = await oai('', {
      method: 'POST',
      body: 'verb=Identify',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    for (const { root, type, status } of [get, post]) {
      expect([status, type]).toEqual([200, 'text/xml; charset=utf-8']);
      expect([root.name, root.ns]).toEqual(['OAI-PMH', OAI_NS]);
      expect(root.attrs['xsi:schemaLocation']).toBe(`${OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd`);
      const identify = child(root, 'Identify', OAI_NS);
      expect(child(identify, 'baseURL', OAI_NS)?.text).toBe(sim.baseUrl);
      expect(child(identify, 'granularity', OAI_NS)?.text).toBe('YYYY-MM-DDThh:mm:ssZ');
      expect(child(identify, 'deletedRecord', OAI_NS)?.text).toBe('persistent');
      expect(child(root, 'request', OAI_NS)?.attrs.verb).toBe('Identify');
    }
  });

  it('offers oai_dc and LOM with their schemas and namespaces', async () => {
    const { root } = await oai('verb=ListMetadataFormats');
    const formats = children(child(root, 'ListMetadataFormats', OAI_NS), 'metadataFormat', OAI_NS).map((f) =>
      f.children.map((c) => c.text),
    );
    expect(formats).toEqual([
      ['oai_dc', 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', 'http://www.openarchives.org/OAI/2.0/oai_dc/'],
      ['lom', 'http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd', 'http://ltsc.ieee.org/xsd/LOM'],
    ]);
  });

  it('pages a list with resumption tokens: expirationDate, completeListSize and cursor, an empty token last', async () => {
    let page = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const cursors: string[] = [];
    const languages = new Set<string>();
    let items = 0;
    for (;;) {
      const t = token(page.root);
      for (const r of records(page.root)) {
        const dc = child(child(r, 'metadata', OAI_NS), 'dc');
        languages.add(dc?.children.find((c) => c.name === 'language')?.text ?? '');
        expect(dc?.children.find((c) => c.name === 'rights')?.text).toMatch(/creativecommons|CC|Creative Commons/);
      }
      items += records(page.root).length;
      cursors.push(`${t?.attrs.cursor}/${t?.attrs.completeListSize}`);
      if (!t?.text) {
        expect(t?.attrs.expirationDate).toBeUndefined();
        break;
      }
      expect(Date.parse(t.attrs.expirationDate ?? '')).toBeGreaterThan(Date.now());
      page = await oai(`verb=ListRecords&resumptionToken=${encodeURIComponent(t.text)}`);
    }
    expect(items).toBe(48);
    expect(cursors).toEqual(['0/48', '10/48', '20/48', '30/48', '40/48']);
    expect([...languages].sort()).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
  });

  it('serves LOM records in the LOM namespace with SDG classifications', async () => {
    const { root } = await oai('verb=GetRecord&metadataPrefix=lom&identifier=oai:oer.sandbox.unssc.org:1000');
    const lom = child(child(child(child(root, 'GetRecord', OAI_NS), 'record', OAI_NS), 'metadata', OAI_NS), 'lom');
    expect(lom?.ns).toBe('http://ltsc.ieee.org/xsd/LOM');
    const taxon = child(child(child(lom, 'classification'), 'taxonPath'), 'taxon');
    expect(child(taxon, 'id')?.text).toBe('http://metadata.un.org/sdg/13');
  });

  it('is deterministic by seed', () => {
    expect(generateOerDataset(7)).toEqual(generateOerDataset(7));
    expect(generateOerDataset(7).records.map((r) => r.rights)).not.toEqual(
      generateOerDataset(8).records.map((r) => r.rights),
    );
  });
});

describe('OAI-PMH simulator: errors (§3.6)', () => {
  it.each([
    ['verb=Nope', 'badVerb'],
    ['verb=Identify&verb=Identify', 'badVerb'],
    ['metadataPrefix=oai_dc', 'badVerb'],
    ['verb=ListRecords', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=lom', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&colour=blue', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=x', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2025-02-01T00:00:00Z', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-01&until=2025-01-01', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=yesterday', 'badArgument'],
    ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2099-01-01', 'noRecordsMatch'],
    ['verb=ListRecords&resumptionToken=forged', 'badResumptionToken'],
    ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:nowhere:1', 'idDoesNotExist'],
    ['verb=ListMetadataFormats&identifier=oai:nowhere:1', 'idDoesNotExist'],
  ])('%s → %s', async (query, code) => {
    const { root } = await oai(query);
    expect(errorCode(root)).toBe(code);
    // After badVerb and badArgument the request element carries no attributes (§3.2).
    if (code === 'badVerb' || code === 'badArgument') expect(child(root, 'request', OAI_NS)?.attrs).toEqual({});
  });

  it('refuses a resumption token after it expires, and every token after /__sim/oai/expire-tokens', async () => {
    const first = token((await oai('verb=ListRecords&metadataPrefix=oai_dc')).root)?.text ?? '';
    sim.repository.advanceClock(61_000);
    expect(errorCode((await oai(`verb=ListRecords&resumptionToken=${first}`)).root)).toBe('badResumptionToken');
    const second = token((await oai('verb=ListRecords&metadataPrefix=oai_dc')).root)?.text ?? '';
    expect((await control('expire-tokens')).status).toBe(204);
    expect(errorCode((await oai(`verb=ListRecords&resumptionToken=${second}`)).root)).toBe('badResumptionToken');
  });

  it('rejects a day-granularity repository a from with seconds', async () => {
    await using daily = await startOaiPmhSimulator({ granularity: 'YYYY-MM-DD', deletedRecord: 'no' });
    const text = await (
      await fetch(`${daily.baseUrl}?verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-06T00:00:00Z`)
    ).text();
    expect(errorCode(parseXml(text))).toBe('badArgument');
  });

  it('answers POST without a form body with 415, other methods with 405, other paths with 404', async () => {
    expect(
      (await fetch(sim.baseUrl, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(415);
    expect((await fetch(sim.baseUrl, { method: 'PUT' })).status).toBe(405);
    expect((await fetch(`${sim.url}/elsewhere?verb=Identify`)).status).toBe(404);
  });

  it('requires Basic credentials when started with some', async () => {
    await using locked = await startOaiPmhSimulator({ credentials: { username: 'h', password: 'p' } });
    const refused = await fetch(`${locked.baseUrl}?verb=Identify`);
    expect([refused.status, refused.headers.get('www-authenticate')]).toEqual([401, 'Basic realm="OAI-PMH"']);
    const accepted = await fetch(`${locked.baseUrl}?verb=Identify`, {
      headers: { authorization: `Basic ${Buffer.from('h:p').toString('base64')}` },
    });
    expect(accepted.status).toBe(200);
  });
});

describe('OAI-PMH simulator: /__sim/oai controls', () => {
  it('adds, changes and deletes records; changes carry a new datestamp and deletions a tombstone', async () => {
    const since = new Date(Date.now() - 1_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await control('records', {
      identifier: 'oai:test:new',
      title: 'Added',
      language: 'fr',
      sdgs: [4],
      subjects: ['ODD 4'],
    });
    await control('records', { identifier: 'oai:oer.sandbox.unssc.org:1003', title: 'Changed' });
    expect(
      (await control(`records/${encodeURIComponent('oai:oer.sandbox.unssc.org:1004')}`, undefined, 'DELETE')).status,
    ).toBe(204);
    expect((await control(`records/${encodeURIComponent('oai:none')}`, undefined, 'DELETE')).status).toBe(404);
    const { root } = await oai(`verb=ListRecords&metadataPrefix=oai_dc&from=${since}`);
    const headers = records(root).map((r) => {
      const h = child(r, 'header', OAI_NS);
      return [
        child(h, 'identifier', OAI_NS)?.text,
        h?.attrs.status ?? 'live',
        child(r, 'metadata', OAI_NS) ? 'metadata' : 'none',
      ];
    });
    expect(headers.sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['oai:oer.sandbox.unssc.org:1003', 'live', 'metadata'],
      ['oai:oer.sandbox.unssc.org:1004', 'deleted', 'none'],
      ['oai:test:new', 'live', 'metadata'],
    ]);
    expect((await control('records', { title: 'no identifier' })).status).toBe(400);
  });

  it('injects OAI errors, malformed XML and HTTP failures for the next matching requests', async () => {
    expect(
      (await control('inject', { kind: 'oaiError', code: 'badArgument', verb: 'Identify', times: 2 })).status,
    ).toBe(204);
    expect(errorCode((await oai('verb=ListMetadataFormats')).root)).toBeNull();
    expect(errorCode((await oai('verb=Identify')).root)).toBe('badArgument');
    expect(errorCode((await oai('verb=Identify')).root)).toBe('badArgument');
    expect(errorCode((await oai('verb=Identify')).root)).toBeNull();
    await control('inject', { kind: 'badXml' });
    await expect(oai('verb=Identify')).rejects.toThrow(/does not parse/);
    await control('inject', { kind: 'http', status: 503, retryAfterSeconds: 5 });
    const busy = await fetch(`${sim.baseUrl}?verb=Identify`);
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([503, '5']);
    expect((await control('inject', { kind: 'teapot' })).status).toBe(400);
  });

  it('omits the token of a continuation page, changes a list under a walk, serves oversized and foreign records', async () => {
    const t = token((await oai('verb=ListRecords&metadataPrefix=oai_dc')).root)?.text ?? '';
    sim.repository.inject({ kind: 'dropToken' });
    const second = await oai(`verb=ListRecords&resumptionToken=${t}`);
    expect(records(second.root)).toHaveLength(10);
    expect(token(second.root)).toBeUndefined();

    sim.repository.inject({ kind: 'hugeRecord', chars: 50_000 });
    sim.repository.inject({ kind: 'foreignMetadata' });
    const odd = await oai('verb=ListRecords&metadataPrefix=oai_dc');
    const first = child(records(odd.root)[0], 'metadata', OAI_NS)?.children[0];
    expect(first?.ns).toBe('http://www.loc.gov/mods/v3');
    expect(records(odd.root)[0]?.weight).toBeLessThan(1_000);

    const again = token((await oai('verb=ListRecords&metadataPrefix=oai_dc')).root)?.text ?? '';
    sim.repository.inject({ kind: 'changeMidWalk' });
    const moved = await oai(`verb=ListRecords&resumptionToken=${again}`);
    expect(token(moved.root)?.attrs.completeListSize).toBe('48');
    const [revised, removed] = sim.repository.sorted().slice(-2);
    expect(revised?.title).toMatch(/\(revised\)$/);
    expect(removed?.deleted).toBe(true);
  });
});
