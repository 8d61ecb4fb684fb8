import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CatalogueSimulatorOptions,
  createPlatformAdapter,
  keyOf,
  PLATFORM_SANDBOX_CREDENTIALS,
  type PlatformAdapter,
  platformConfigSchema,
  type SimPlatform,
  startCatalogueSimulator,
} from '../../../../adapters/platform/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { CostModel } from '../../../../schema/model/enums.js';
import { lmsRejection } from '../../../support/nock.js';

const TTL = 60_000;
const open: Array<{ close(): Promise<void> }> = [];

const settingsFor = (api: SimPlatform, url: string): Record<string, unknown> =>
  api === 'linkedin-learning'
    ? {
        api,
        baseUrl: url,
        tokenUrl: `${url}/oauth/v2/accessToken`,
        clientId: PLATFORM_SANDBOX_CREDENTIALS.clientId,
        clientSecret: PLATFORM_SANDBOX_CREDENTIALS.clientSecret,
      }
    : { api, baseUrl: url, ...(api === 'edx' ? { language: 'en' } : {}) };

/** A catalogue simulator and an adapter over one platform, sharing a fake clock. */
async function setup(
  api: SimPlatform,
  config: Record<string, unknown> = {},
  simulator: CatalogueSimulatorOptions = {},
) {
  let offset = 0;
  const now = () => Date.now() + offset;
  const sim = await startCatalogueSimulator({ edxThrottle: { requests: 1000, windowMs: 60_000 }, ...simulator, now });
  const make = (cache = new Keyv()) =>
    createPlatformAdapter(
      validateConfig(platformConfigSchema, {
        kind: 'platform',
        pageSize: 7,
        cacheTtlMs: TTL,
        retries: 0,
        ...settingsFor(api, sim.url),
        ...config,
      }),
      { agency: 'ext', logger: pino({ level: 'silent' }), cache },
      { now, backoffBaseMs: 1 },
    );
  const adapter = make();
  open.push(sim, { close: () => adapter.dispose() });
  const route = api === 'coursera' ? 'coursera' : api === 'edx' ? 'edx' : 'linkedIn';
  return {
    sim,
    adapter,
    make,
    advance: (ms: number) => {
      offset += ms;
    },
    pageCalls: () => sim.stats.byRoute[route] ?? 0,
    keys: () =>
      sim.catalogue
        .list(api)
        .filter(
          (e) => api !== 'linkedin-learning' || (e.title as { locale: { language: string } }).locale.language === 'en',
        )
        .map((e) => keyOf(api, e)),
  };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const localIds = async (adapter: PlatformAdapter) => (await adapter.listCourses({})).map((c) => c.sourceId);

describe.each(['coursera', 'edx', 'linkedin-learning'] as const)('platform adapter over %s', (api) => {
  it('walks the whole catalogue page by page, every course once, in catalogue order', async () => {
    const { adapter, keys, pageCalls } = await setup(api);
    const courses = await adapter.listCourses({});
    const expected = keys();
    expect(courses.map((c) => (api === 'linkedin-learning' ? c.sourceId : c.localId))).toEqual(expected);
    expect(expected.length).toBeGreaterThan(7);
    expect(pageCalls()).toBe(Math.ceil(expected.length / 7));
    for (const course of courses) {
      expect(course.title.length).toBeGreaterThan(0);
      expect(course.url).toMatch(/^https?:\/\//);
      expect(course.costModel).toBeDefined();
    }
    const status = await adapter.catalogueStatus();
    expect(status).toMatchObject({ courses: expected.length, restarts: 0, skipped: {}, lastError: null });
  });

  it('notices a course inserted mid-walk, reads the catalogue again, and loses nothing', async () => {
    const { adapter, sim, keys } = await setup(api);
    sim.catalogue.inject({ kind: 'insertMidWalk', platform: api });
    const courses = await adapter.listCourses({});
    expect(new Set(courses.map((c) => c.sourceId)).size).toBe(courses.length);
    expect(courses).toHaveLength(keys().length);
    expect((await adapter.catalogueStatus()).restarts).toBe(1);
  });

  it('notices a course removed mid-walk (which would let one slip by unseen), and reads again', async () => {
    const { adapter, sim, keys } = await setup(api);
    sim.catalogue.inject({ kind: 'removeMidWalk', platform: api });
    const courses = await adapter.listCourses({});
    expect(courses).toHaveLength(keys().length);
    expect((await adapter.catalogueStatus()).restarts).toBe(1);
  });
});

describe('platform adapter: a catalogue that will not hold still, and bad pages', () => {
  it('answers LMS_CATALOGUE_CHANGED (retryable) after its attempts, then serves the last walk meanwhile', async () => {
    const { adapter, sim, advance } = await setup('coursera', { maxWalkAttempts: 2 });
    const first = await adapter.listCourses({});
    advance(TTL + 1);
    sim.catalogue.inject({ kind: 'insertMidWalk', times: 10 });
    // The stale-if-error window keeps the last complete walk in service.
    expect(await adapter.listCourses({})).toEqual(first);
    const status = await adapter.catalogueStatus();
    expect(status.lastError?.code).toBe('LMS_CATALOGUE_CHANGED');
    const refused = await lmsRejection(adapter.refresh());
    expect([refused.code, refused.retryable, refused.agency, refused.lmsKind]).toEqual([
      'LMS_CATALOGUE_CHANGED',
      true,
      'ext',
      'platform',
    ]);
  });

  it('without an earlier walk, the changing catalogue is the error the caller sees', async () => {
    const { adapter, sim } = await setup('linkedin-learning', { maxWalkAttempts: 2 });
    sim.catalogue.inject({ kind: 'removeMidWalk', times: 10 });
    expect((await lmsRejection(adapter.listCourses({}))).code).toBe('LMS_CATALOGUE_CHANGED');
  });

  it('skips an element it cannot read with its reason, and keeps the rest of its page', async () => {
    const { adapter, sim, keys } = await setup('edx');
    sim.catalogue.inject({ kind: 'malformedElement', platform: 'edx' });
    const courses = await adapter.listCourses({});
    expect(courses).toHaveLength(keys().length - 1);
    const status = await adapter.catalogueStatus();
    expect(Object.values(status.skipped)).toEqual(['name: Required']);
    expect(Object.keys(status.skipped)).toEqual([keys()[0]]);
  });

  it('reports a page that is not one as LMS_BAD_RESPONSE, and a platform error by its HTTP status', async () => {
    const bad = await setup('coursera');
    bad.sim.catalogue.inject({ kind: 'badPage' });
    expect((await lmsRejection(bad.adapter.listCourses({}))).code).toBe('LMS_BAD_RESPONSE');
    const down = await setup('linkedin-learning');
    down.sim.catalogue.inject({ kind: 'http', status: 503, continuation: true });
    expect((await lmsRejection(down.adapter.listCourses({}))).code).toBe('LMS_UNAVAILABLE');
  });

  it('waits out an edX throttle (429 + Retry-After) and completes the walk', async () => {
    const { adapter, keys, sim } = await setup(
      'edx',
      { retries: 2 },
      { edxThrottle: { requests: 2, windowMs: 1_000 } },
    );
    expect(await adapter.listCourses({})).toHaveLength(keys().length);
    expect(sim.stats.byRoute.edx).toBeGreaterThan(Math.ceil(keys().length / 7));
  });

  it('rejects LinkedIn credentials the token endpoint refuses as LMS_UNAUTHENTICATED', async () => {
    const { adapter } = await setup('linkedin-learning', { clientSecret: 'not-the-secret' });
    expect((await lmsRejection(adapter.listCourses({}))).code).toBe('LMS_UNAUTHENTICATED');
  });
});

describe('platform adapter: snapshot and reads', () => {
  it('serves reads from the walk until it is older than cacheTtlMs, then walks again and sees changes', async () => {
    const { adapter, sim, advance, pageCalls } = await setup('coursera');
    const before = await localIds(adapter);
    const calls = pageCalls();
    await adapter.getCourses([(await adapter.listCourses({}))[0]!.localId]);
    expect(pageCalls()).toBe(calls);
    sim.catalogue.remove('coursera', sim.catalogue.list('coursera')[0]!.id as string);
    advance(TTL + 1);
    expect(await localIds(adapter)).toEqual(before.slice(1));
  });

  it('filters like every adapter and counts courses (and nothing else) as its statistics', async () => {
    const { adapter } = await setup('coursera', { costModel: CostModel.PAID });
    const climate = await adapter.listCourses({ sdgs: [13] });
    expect(climate.length).toBeGreaterThan(2);
    expect(climate.every((c) => c.sdgs.includes(13) && c.costModel === CostModel.PAID)).toBe(true);
    const french = await adapter.listCourses({ languages: ['fr'] });
    expect(french.length).toBeGreaterThan(0);
    expect(french.every((c) => c.language === 'fr')).toBe(true);
    const stats = await adapter.getStats({ sdgs: [13] });
    expect(stats).toMatchObject({ courseCount: climate.length, learnerCount: 0, enrollmentCount: 0 });
    expect((await lmsRejection(adapter.findLearners({ email: 'a@un.org' }))).code).toBe('LMS_UNSUPPORTED');
  });

  it('shares one snapshot between adapters on the same cache (one walk)', async () => {
    const { make, pageCalls } = await setup('linkedin-learning');
    const cache = new Keyv();
    const a = make(cache);
    const b = make(cache);
    open.push({ close: () => a.dispose() }, { close: () => b.dispose() });
    await a.listCourses({});
    const calls = pageCalls();
    await b.listCourses({});
    expect(pageCalls()).toBe(calls);
  });
});
