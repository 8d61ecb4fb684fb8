import { afterEach, describe, expect, it } from 'vitest';
import {
  type CatalogueSimulatorHandle,
  type CatalogueSimulatorOptions,
  PLATFORM_SANDBOX_CREDENTIALS,
  startCatalogueSimulator,
} from '../../../../adapters/platform/index.js';

// biome-ignore lint/suspicious/noExplicitAny: raw wire answers of three APIs, asserted field by field below.
type Wire = Record<string, any>;

const open: CatalogueSimulatorHandle[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function simulator(options: CatalogueSimulatorOptions = {}) {
  const sim = await startCatalogueSimulator(options);
  open.push(sim);
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${sim.url}${path}`, { headers });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Wire };
  };
  const token = async (path: string, form: Record<string, string>) => {
    const response = await fetch(`${sim.url}${path}`, { method: 'POST', body: new URLSearchParams(form) });
    return { status: response.status, body: (await response.json()) as Wire };
  };
  const client = {
    grant_type: 'client_credentials',
    client_id: PLATFORM_SANDBOX_CREDENTIALS.clientId,
    client_secret: PLATFORM_SANDBOX_CREDENTIALS.clientSecret,
  };
  return { sim, get, token, client };
}

describe('catalogue simulator: Coursera courses.v1', () => {
  it('pages by start/limit with paging.next as a string and paging.total, and answers only the fields asked for', async () => {
    const { get, sim } = await simulator({ seed: 3 });
    const total = sim.catalogue.list('coursera').length;
    const first = await get('/api/courses.v1?start=0&limit=5');
    expect(first.status).toBe(200);
    expect(first.body.paging).toEqual({ next: '5', total });
    expect(Object.keys(first.body.elements[0]).sort()).toEqual(['id', 'name', 'slug']);
    const last = await get(`/api/courses.v1?start=${total - 2}&limit=5&fields=workload,partnerIds&includes=partnerIds`);
    expect(last.body.paging).toEqual({ total });
    expect(last.body.elements).toHaveLength(2);
    expect(last.body.elements[0].workload).toEqual(expect.any(String));
    expect(last.body.linked['partners.v1'][0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect((await get('/api/courses.v1?start=-1')).status).toBe(400);
  });

  it('is deterministic by seed, and controls add and delete courses over HTTP', async () => {
    const a = await simulator({ seed: 3 });
    const b = await simulator({ seed: 3 });
    expect(a.sim.catalogue.list('coursera')).toEqual(b.sim.catalogue.list('coursera'));
    const element = { id: 'added-1', slug: 'added', name: 'Added course' };
    const post = await fetch(`${a.sim.url}/__sim/catalogue/coursera/courses`, {
      method: 'POST',
      body: JSON.stringify({ element, at: 0 }),
    });
    expect(post.status).toBe(204);
    expect((await a.get('/api/courses.v1?limit=1')).body.elements[0].id).toBe('added-1');
    const removed = await fetch(`${a.sim.url}/__sim/catalogue/coursera/courses/added-1`, { method: 'DELETE' });
    expect(removed.status).toBe(204);
    expect((await fetch(`${a.sim.url}/__sim/catalogue/coursera/courses/added-1`, { method: 'DELETE' })).status).toBe(
      404,
    );
  });
});

describe('catalogue simulator: Open edX course list', () => {
  it('pages by page number with next/previous links, count and num_pages, and 404 past the end', async () => {
    const { get, sim } = await simulator();
    const count = sim.catalogue.list('edx').length;
    const page = await get('/api/courses/v1/courses/?page=2&page_size=4');
    expect(page.body.pagination).toMatchObject({ count, num_pages: Math.ceil(count / 4) });
    expect(page.body.pagination.next).toMatch(/\/api\/courses\/v1\/courses\/\?page=3&page_size=4$/);
    expect(page.body.pagination.previous).toMatch(/page=1&page_size=4$/);
    expect(page.body.results[0].id).toMatch(/^course-v1:[A-Za-z]+\+[A-Z0-9]+\+\d{4}_T\d$/);
    const beyond = await get(`/api/courses/v1/courses/?page=${Math.ceil(count / 4) + 1}&page_size=4`);
    expect([beyond.status, beyond.body]).toEqual([404, { detail: 'Invalid page.' }]);
    // DRF's default page size is 10; at most 100.
    expect((await get('/api/courses/v1/courses/')).body.results).toHaveLength(Math.min(10, count));
  });

  it('throttles a client beyond its rate with 429 and Retry-After, and issues JWTs to a known client only', async () => {
    const { get, token, client } = await simulator({ edxThrottle: { requests: 2, windowMs: 60_000 } });
    await get('/api/courses/v1/courses/');
    await get('/api/courses/v1/courses/');
    const throttled = await get('/api/courses/v1/courses/');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(throttled.body.detail).toMatch(/^Request was throttled/);
    const issued = await token('/oauth2/access_token', { ...client, token_type: 'jwt' });
    expect(issued.body).toMatchObject({ token_type: 'JWT', expires_in: 3600 });
    // An authenticated client has a throttle window of its own.
    expect((await get('/api/courses/v1/courses/', { authorization: `JWT ${issued.body.access_token}` })).status).toBe(
      200,
    );
    expect((await get('/api/courses/v1/courses/', { authorization: 'JWT forged' })).status).toBe(401);
    expect((await token('/oauth2/access_token', { ...client, client_secret: 'wrong' })).status).toBe(401);
  });
});

describe('catalogue simulator: LinkedIn Learning learningAssets', () => {
  it('needs a Bearer token from the client-credentials endpoint', async () => {
    const { get, token, client } = await simulator();
    const path = '/v2/learningAssets?q=localeAndType&assetType=COURSE&sourceLocale.language=en&sourceLocale.country=US';
    expect((await get(path)).status).toBe(401);
    const issued = await token('/oauth/v2/accessToken', client);
    expect(issued.body).toEqual({ access_token: expect.any(String), expires_in: 7_775_999 });
    const page = await get(`${path}&start=0&count=3`, { authorization: `Bearer ${issued.body.access_token}` });
    expect(page.status).toBe(200);
    expect(page.body.paging).toMatchObject({ count: 3, start: 0 });
    expect(page.body.paging.links.map((l: { rel: string }) => l.rel)).toEqual(['next']);
    expect(page.body.elements.every((e: Wire) => e.title.locale.language === 'en')).toBe(true);
    const spanish = await get(path.replace('language=en', 'language=es').replace('country=US', 'country=ES'), {
      authorization: `Bearer ${issued.body.access_token}`,
    });
    expect(spanish.body.paging.total).toBeGreaterThan(0);
    expect(spanish.body.elements.every((e: Wire) => e.title.locale.language === 'es')).toBe(true);
    // LinkedIn Learning has no Arabic catalogue.
    const arabic = await get(path.replace('language=en', 'language=ar'), {
      authorization: `Bearer ${issued.body.access_token}`,
    });
    expect(arabic.body.paging.total).toBe(0);
    expect(
      (await get('/v2/learningAssets?q=criteria', { authorization: `Bearer ${issued.body.access_token}` })).status,
    ).toBe(400);
  });

  it('shifts the catalogue mid-walk when told to: the next continuation page repeats an element', async () => {
    const { get, token, client, sim } = await simulator();
    const auth = { authorization: `Bearer ${(await token('/oauth/v2/accessToken', client)).body.access_token}` };
    const path = '/v2/learningAssets?q=localeAndType&assetType=COURSE&sourceLocale.language=en&sourceLocale.country=US';
    const first = await get(`${path}&start=0&count=3`, auth);
    sim.catalogue.inject({ kind: 'insertMidWalk', platform: 'linkedin-learning' });
    const second = await get(`${path}&start=3&count=3`, auth);
    expect(second.body.paging.total).toBe(first.body.paging.total + 1);
    expect(second.body.elements[0].urn).toBe(first.body.elements[2].urn);
  });
});
