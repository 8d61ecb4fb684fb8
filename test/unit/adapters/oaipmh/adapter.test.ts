import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createOaiPmhAdapter,
  type OaiPmhAdapter,
  type OaiPmhSimulatorOptions,
  oaiPmhConfigSchema,
  startOaiPmhSimulator,
} from '../../../../adapters/oaipmh/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { lmsRejection } from '../../../support/nock.js';

const TTL = 60_000;
const open: Array<{ close(): Promise<void> }> = [];

/**
 * A simulator and an adapter sharing one fake clock: `advance(ms)` moves both, so freshness, token
 * expiry and full-harvest intervals are tested without waiting.
 */
async function setup(simulator: OaiPmhSimulatorOptions = {}, config: Record<string, unknown> = {}) {
  let offset = 0;
  const sim = await startOaiPmhSimulator({
    pageSize: 10,
    tokenTtlMs: 600_000,
    ...simulator,
    now: () => Date.now() + offset,
  });
  const make = (cache = new Keyv()) =>
    createOaiPmhAdapter(
      validateConfig(oaiPmhConfigSchema, {
        kind: 'oaipmh',
        baseUrl: sim.baseUrl,
        cacheTtlMs: TTL,
        retries: 0,
        ...config,
      }),
      { agency: 'oer', logger: pino({ level: 'silent' }), cache },
      { now: () => Date.now() + offset, backoffBaseMs: 1 },
    );
  const adapter = make();
  open.push(sim, { close: () => adapter.dispose() });
  return {
    sim,
    adapter,
    make,
    advance(ms: number) {
      offset += ms;
    },
    calls: (route: string) => sim.stats.byRoute[route] ?? 0,
  };
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

const titles = async (adapter: OaiPmhAdapter) =>
  new Map((await adapter.listCourses({})).map((c) => [c.localId, c.title]));

describe('OAI-PMH adapter: full harvest', () => {
  it('harvests every record in the richest format (LOM), in six languages, with licences and SDGs', async () => {
    const { adapter } = await setup();
    const courses = await adapter.listCourses({});
    expect(courses).toHaveLength(48);
    expect(new Set(courses.map((c) => c.language))).toEqual(new Set(['en', 'fr', 'es', 'ar', 'zh', 'ru']));
    for (const course of courses) {
      expect(course.licence).toMatch(
        /^https:\/\/creativecommons\.org\/(licenses|publicdomain)\/[a-z-]+\/\d\.\d\/(igo\/)?$/,
      );
      expect(course.sdgs.length).toBeGreaterThan(0);
      expect(course.url).toMatch(/^https:\/\/oer\.sandbox\.unssc\.org\/resources\/\d+$/);
    }
    const status = await adapter.harvestStatus();
    expect(status.repository).toMatchObject({ format: 'lom', metadataPrefix: 'lom', deletedRecord: 'persistent' });
    expect(status.lastHarvest).toMatchObject({ mode: 'full', pages: 5, upserted: 48, skipped: 0, shifted: false });
  });

  it('falls back to oai_dc when LOM is not offered, and refuses a configured format that is not', async () => {
    const dcOnly = await setup({ formats: ['oai_dc'] });
    expect(await dcOnly.adapter.listCourses({ sdgs: [13] })).not.toHaveLength(0);
    expect((await dcOnly.adapter.harvestStatus()).repository?.format).toBe('oai_dc');
    const forced = await setup({ formats: ['oai_dc'] }, { metadataFormat: 'lom' });
    const error = await lmsRejection(forced.adapter.listCourses({}));
    expect([error.code, error.agency]).toEqual(['LMS_UNSUPPORTED', 'oer']);
  });

  it('answers batch reads in input order from the snapshot, and filters like every adapter', async () => {
    const { adapter } = await setup();
    const ids = ['oai:oer.sandbox.unssc.org:1003', 'oai:nowhere:1', 'oai:oer.sandbox.unssc.org:1000'];
    expect((await adapter.getCourses(ids)).map((c) => c?.localId ?? null)).toEqual([ids[0], null, ids[2]]);
    const french = await adapter.listCourses({ languages: ['fr'] });
    expect(french.length).toBe(8);
    expect(french.every((c) => c.language === 'fr')).toBe(true);
  });

  it('declares the catalogue and its counts only: no learners, enrolments or credentials', async () => {
    const { adapter } = await setup();
    expect([...adapter.capabilities]).toEqual(['courses', 'stats']);
    expect((await lmsRejection(adapter.findLearners({ email: 'a@un.org' }))).code).toBe('LMS_UNSUPPORTED');
    const stats = await adapter.getStats({ sdgs: [13] });
    expect(stats.courseCount).toBe((await adapter.listCourses({ sdgs: [13] })).length);
    expect(stats.courseCount).toBeGreaterThan(0);
    expect([stats.learnerCount, stats.enrollmentCount, stats.credentialCount]).toEqual([0, 0, 0]);
  });
});

describe('OAI-PMH adapter: incremental refresh', () => {
  it('serves the snapshot within the TTL, then reads only what changed since the last harvest', async () => {
    const { sim, adapter, advance, calls } = await setup();
    await adapter.listCourses({});
    const identifyCalls = calls('GET Identify');
    await adapter.listCourses({});
    expect(calls('GET ListRecords')).toBe(5);

    sim.repository.upsert({ identifier: 'oai:oer.sandbox.unssc.org:1003', title: 'مقدمة في تغير المناخ (طبعة جديدة)' });
    sim.repository.upsert({
      identifier: 'oai:test:added',
      title: 'Nouveau cours',
      language: 'fr',
      subjects: ['ODD 4'],
    });
    sim.repository.remove('oai:oer.sandbox.unssc.org:1010');
    advance(TTL + 1);
    const after = await titles(adapter);

    expect(calls('GET ListRecords')).toBe(6);
    expect(calls('GET Identify')).toBe(identifyCalls);
    expect(after.size).toBe(48);
    expect(after.get('oai:oer.sandbox.unssc.org:1003')).toBe('مقدمة في تغير المناخ (طبعة جديدة)');
    expect(after.get('oai:test:added')).toBe('Nouveau cours');
    expect(after.has('oai:oer.sandbox.unssc.org:1010')).toBe(false);
    expect((await adapter.harvestStatus()).lastHarvest).toMatchObject({ mode: 'incremental', upserted: 2, deleted: 1 });
    expect((await adapter.getCourses(['oai:test:added']))[0]?.sdgs).toEqual([4]);
  });

  it('treats noRecordsMatch as nothing new: same records, watermark moved on', async () => {
    const { adapter, advance } = await setup();
    await adapter.listCourses({});
    const before = await adapter.harvestStatus();
    advance(TTL + 1_000);
    const status = await adapter.refresh();
    expect(status.records).toBe(48);
    expect(status.lastHarvest).toMatchObject({ mode: 'incremental', pages: 1, upserted: 0, error: null });
    expect(Date.parse(status.watermark ?? '')).toBeGreaterThan(Date.parse(before.watermark ?? ''));
  });

  it('sends `from` in the repository granularity (day), and re-harvests in full when deletions are not kept', async () => {
    const { sim, adapter, advance } = await setup(
      { granularity: 'YYYY-MM-DD', deletedRecord: 'no' },
      { fullHarvestEveryMs: 3_600_000 },
    );
    await adapter.listCourses({});
    sim.repository.remove('oai:oer.sandbox.unssc.org:1020');
    advance(TTL + 1);
    expect((await adapter.refresh()).lastHarvest).toMatchObject({ mode: 'incremental', error: null });
    expect((await titles(adapter)).has('oai:oer.sandbox.unssc.org:1020')).toBe(true);
    advance(3_600_000);
    expect((await adapter.refresh()).lastHarvest).toMatchObject({ mode: 'full', error: null });
    expect((await titles(adapter)).has('oai:oer.sandbox.unssc.org:1020')).toBe(false);
  });

  it('keeps the snapshot in the shared cache: a second adapter instance does not harvest again', async () => {
    const { make, calls } = await setup();
    const cache = new Keyv();
    await make(cache).listCourses({});
    const before = calls('GET ListRecords');
    expect(await make(cache).listCourses({})).toHaveLength(48);
    expect(calls('GET ListRecords')).toBe(before);
  });
});

describe('OAI-PMH adapter: bad input never loses a page', () => {
  it('restarts a list once when the repository refuses a resumption token', async () => {
    const { sim, adapter } = await setup();
    sim.repository.inject({ kind: 'oaiError', code: 'badResumptionToken', continuation: true });
    expect(await adapter.listCourses({})).toHaveLength(48);
    expect((await adapter.harvestStatus()).lastHarvest).toMatchObject({ restarts: 1, pages: 6, error: null });
  });

  it('fails a list that ends without a resumption token before completeListSize, keeping what it read', async () => {
    const { sim, adapter } = await setup();
    sim.repository.inject({ kind: 'dropToken' });
    const error = await lmsRejection(adapter.listCourses({}));
    expect([error.code, error.message]).toEqual([
      'LMS_BAD_RESPONSE',
      'The repository ended a list without a resumption token after 20 of 48 items.',
    ]);
    const status = await adapter.harvestStatus();
    expect([status.records, status.complete]).toEqual([20, false]);
    expect(await adapter.listCourses({})).toHaveLength(48);
  });

  it('resumes an interrupted list from its resumption token, and restarts it once the token has expired', async () => {
    const { sim, adapter, calls } = await setup();
    sim.repository.inject({ kind: 'http', status: 503, continuation: true });
    const error = await lmsRejection(adapter.listCourses({}));
    expect([error.code, error.retryable]).toEqual(['LMS_UNAVAILABLE', true]);
    expect(await adapter.harvestStatus()).toMatchObject({ records: 10, resumable: true });
    const identify = calls('GET Identify');
    expect(await adapter.listCourses({})).toHaveLength(48);
    expect(calls('GET Identify')).toBe(identify);
    expect((await adapter.harvestStatus()).lastHarvest).toMatchObject({ resumed: true, pages: 4 });

    const second = await setup();
    second.sim.repository.inject({ kind: 'http', status: 503, continuation: true });
    await lmsRejection(second.adapter.listCourses({}));
    second.advance(600_001);
    expect(await second.adapter.listCourses({})).toHaveLength(48);
    expect((await second.adapter.harvestStatus()).lastHarvest).toMatchObject({ resumed: false, pages: 5, restarts: 0 });
  });

  it('notices a list that changed mid-walk, removes nothing on its strength, and harvests in full again', async () => {
    const { sim, adapter, advance } = await setup();
    sim.repository.inject({ kind: 'changeMidWalk' });
    await adapter.listCourses({});
    expect((await adapter.harvestStatus()).lastHarvest).toMatchObject({ mode: 'full', shifted: true });
    advance(TTL + 1);
    const status = await adapter.refresh();
    expect(status.lastHarvest).toMatchObject({ mode: 'full', shifted: false });
    const live = sim.repository.sorted().filter((r) => !r.deleted);
    const harvested = await titles(adapter);
    expect(harvested.size).toBe(live.length);
    for (const record of live) expect(harvested.get(record.identifier)).toBe(record.title);
  });

  it('skips oversized records and records in a foreign schema, with reasons, keeping their pages', async () => {
    const { sim, adapter } = await setup({}, { maxRecordChars: 20_000 });
    sim.repository.inject({ kind: 'hugeRecord', chars: 100_000 });
    const courses = await adapter.listCourses({});
    sim.repository.inject({ kind: 'foreignMetadata' });
    const status = await adapter.refresh('full');
    expect(courses).toHaveLength(47);
    expect(Object.values(status.skipped)).toEqual(['metadata in an unknown format (http://www.loc.gov/mods/v3 mods)']);
    expect(status.records).toBe(47);
  });

  it('serves a complete snapshot while the repository is down, for staleIfErrorMs, then reports the failure', async () => {
    const { sim, adapter, advance } = await setup({}, { staleIfErrorMs: 120_000 });
    await adapter.listCourses({});
    sim.setFault({ mode: 'down' });
    advance(TTL + 1);
    expect(await adapter.listCourses({})).toHaveLength(48);
    advance(120_000);
    const error = await lmsRejection(adapter.listCourses({}));
    expect(error.code).toBe('LMS_UNAVAILABLE');
  });

  it('reports malformed XML as LMS_BAD_RESPONSE and health-checks with Identify', async () => {
    const { sim, adapter } = await setup();
    await expect(adapter.healthCheck()).resolves.toBeUndefined();
    sim.repository.inject({ kind: 'badXml', verb: 'Identify' });
    expect((await lmsRejection(adapter.healthCheck())).code).toBe('LMS_BAD_RESPONSE');
  });
});
