import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import { createAdapter, wrapAdapter } from '../../../../adapters/core/factory.js';
import { createCornerstoneClient } from '../../../../adapters/cornerstone/client.js';
import {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  type CornerstoneSimulatorOptions,
  cornerstoneAdapter,
  cornerstoneConfigSchema,
  createCornerstoneAdapter,
  startCornerstoneSimulator,
} from '../../../../adapters/cornerstone/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';

const WINDOW_MS = 500;
const open: Array<{ close(): Promise<void> | void }> = [];

async function setup(options: CornerstoneSimulatorOptions = {}) {
  const simulator = await startCornerstoneSimulator({
    seed: 3,
    ...options,
    limits: { windowMs: WINDOW_MS, ...options.limits },
  });
  open.push(simulator);
  const config = validateConfig(cornerstoneConfigSchema, {
    kind: 'cornerstone',
    baseUrl: simulator.url,
    clientId: CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
    clientSecret: CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    rateWindowMs: WINDOW_MS,
  });
  const adapter = (): LmsAdapter => {
    // Built like the factory builds it, with a faster backoff for the 429 tests.
    const created = wrapAdapter(
      cornerstoneAdapter,
      createCornerstoneAdapter(
        config,
        { agency: 'unhcr', logger: pino({ level: 'silent' }), cache: new Keyv() },
        { backoffBaseMs: 20 },
      ),
      'unhcr',
    );
    open.push({ close: () => created.dispose() });
    return created;
  };
  return { simulator, config, adapter };
}

const canonical = {
  Completed: 'COMPLETED',
  InProgress: 'IN_PROGRESS',
  NotStarted: 'ENROLLED',
  Failed: 'FAILED',
  Withdrawn: 'WITHDRAWN',
  Cancelled: 'WITHDRAWN',
};

function expectedEnrollments(simulator: CornerstoneSimulatorHandle, userId: number) {
  return simulator.dataset.transcripts
    .filter((t) => t.userId === userId)
    .map((t) => ({
      localId: `${userId}:${t.loId}`,
      status: canonical[t.group],
      enrolledAt: t.style === 'fraction7' ? t.registeredAt : Math.floor(t.registeredAt / 1000) * 1000,
      label: t.label,
    }))
    .sort((a, b) => a.localId.localeCompare(b.localId));
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

describe('cornerstone adapter against its simulator', () => {
  it('asks for one token however many calls run at once', async () => {
    const { simulator, adapter } = await setup();
    const a = adapter();
    const ids = simulator.dataset.users.slice(0, 30).map((u) => String(u.id));
    await Promise.all([
      ...ids.map((id) => a.listEnrollments({ learnerLocalIds: [id] })),
      a.listCourses({}),
      a.getLearners(ids),
    ]);
    expect(simulator.tokensIssued()).toBe(1);
    expect(simulator.stats.violations).toEqual([]);
  });

  it('renews an expired token, and recovers from a 401 mid-session with one new token', async () => {
    const { simulator, adapter } = await setup({ tokenTtlSeconds: 1 });
    const a = adapter();
    const [amina] = simulator.dataset.users;
    await a.listEnrollments({ learnerLocalIds: [String(amina!.id)] });
    expect(simulator.tokensIssued()).toBe(1);
    simulator.revokeTokens(); // the portal forgets the session: the next call gets 401
    const list = await a.listEnrollments({ learnerLocalIds: [String(amina!.id)] });
    expect(list).toHaveLength(expectedEnrollments(simulator, amina!.id).length);
    expect(simulator.tokensIssued()).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 600)); // past half of the 1 s lifetime
    await a.findLearners({ indexNumber: amina!.externalId });
    expect(simulator.tokensIssued()).toBe(3);
  });

  it('restarts an employee listing whose page token expired, losing nobody', async () => {
    const { simulator, adapter } = await setup();
    const ids = simulator.dataset.users.slice(0, 80).map((u) => String(u.id));
    simulator.expireNextPageTokens(1);
    const learners = await adapter().getLearners(['nope', ...ids]);
    expect(learners.map((l) => l?.localId ?? null)).toEqual([null, ...ids]);
    expect(simulator.stats.byRoute['GET /services/api/x/users/v2/employees']).toBe(4); // p1, p2 refused, p1, p2
  });

  it('maps every status group by group, whatever the (French) label, and parses every timestamp style', async () => {
    const { simulator, adapter } = await setup();
    const a = adapter();
    const users = simulator.dataset.users.slice(0, 20);
    const seen = new Set<string>();
    for (const user of users) {
      const list = await a.listEnrollments({ learnerLocalIds: [String(user.id)] });
      const actual = list
        .map((e) => ({
          localId: e.localId,
          status: e.status,
          enrolledAt: e.enrolledAt?.getTime(),
          label: e.sourceStatus,
        }))
        .sort((x, y) => x.localId.localeCompare(y.localId));
      expect(actual).toEqual(expectedEnrollments(simulator, user.id));
      for (const e of list) seen.add(e.status);
    }
    expect([...seen].sort()).toEqual(Object.values(EnrollmentStatus).sort());
    const french = simulator.dataset.transcripts.filter((t) =>
      /Terminé|En cours|Inscrit|Échec|Retiré|Annulé/.test(t.label),
    );
    expect(french.length).toBeGreaterThan(0);
  });

  it('finds people by e-mail (reporting view) and by employee id, and survives an error streamed in a 200', async () => {
    const { simulator, adapter } = await setup();
    const a = adapter();
    simulator.injectStreamErrors(1);
    const byEmail = await a.findLearners({ email: 'Kenji.Sato@UN.org' });
    const byIndex = await a.findLearners({ indexNumber: 'UN-100002' });
    expect(byEmail).toEqual(byIndex);
    expect(byIndex).toEqual([
      expect.objectContaining({ displayName: 'Kenji Sato', email: 'kenji.sato@un.org', indexNumber: 'UN-100002' }),
    ]);
    const credentials = await a.listCredentials([byIndex[0]!.localId]);
    expect(credentials.length).toBeGreaterThan(0);
    expect(credentials.every((c) => c.kind === 'CERTIFICATE')).toBe(true);
  });

  it('walks OData next links for course enrolments and stats', async () => {
    const { simulator, adapter } = await setup({ odataMaxPageSize: 40 });
    const a = adapter();
    const stats = await a.getStats({});
    expect(stats.enrollmentCount).toBe(simulator.dataset.transcripts.length);
    expect(stats.credentialCount).toBe(simulator.dataset.certifications.length);
    expect(stats.completedCount).toBe(simulator.dataset.transcripts.filter((t) => t.group === 'Completed').length);
    const lo = simulator.dataset.transcripts[0]!.loId;
    const byCourse = await a.listEnrollments({ courseLocalId: lo });
    expect(byCourse).toHaveLength(simulator.dataset.transcripts.filter((t) => t.loId === lo).length);
  });

  it("reads several courses' enrolments in one report walk per 20 courses (issue 11)", async () => {
    const { simulator, adapter } = await setup();
    const a = adapter();
    const los = [...new Set(simulator.dataset.transcripts.map((t) => t.loId))].slice(0, 25);
    const together = await a.listEnrollments({ courseLocalIds: los });
    const one = await Promise.all(los.map((courseLocalId) => a.listEnrollments({ courseLocalId })));
    const ids = (list: readonly { localId: string }[]) => list.map((e) => e.localId).sort();
    expect(ids(together)).toEqual(ids(one.flat()));
    expect(together.length).toBe(simulator.dataset.transcripts.filter((t) => los.includes(t.loId)).length);
  });

  it('lists exactly the records changed in a window through Transcript Search, as listEnrollments names them', async () => {
    const { simulator, adapter } = await setup();
    const lms = adapter();
    const [a, b] = simulator.dataset.transcripts.filter((t) => t.group !== 'Completed');
    const completedAt = Date.now() - 60_000;
    simulator.updateTranscript(a!.userId, a!.loId, {
      group: 'Completed',
      statusId: 1,
      label: 'Terminé',
      completedAt,
      score: 91,
    });
    simulator.updateTranscript(b!.userId, b!.loId, { group: 'Withdrawn', statusId: 8, label: 'Withdrawn' });
    // Three days back: three 24 h windows; only the two changed records are in them.
    const now = Date.now();
    const changes = await lms.listEnrollmentChanges({
      since: new Date(now - 3 * 86_400_000),
      until: new Date(now),
    });
    expect(changes.map((e) => e.localId).sort()).toEqual([`${a!.userId}:${a!.loId}`, `${b!.userId}:${b!.loId}`].sort());
    const done = changes.find((e) => e.localId === `${a!.userId}:${a!.loId}`);
    expect(done).toMatchObject({
      status: EnrollmentStatus.COMPLETED,
      score: 91,
      completedAt: new Date(Math.floor(completedAt / 1000) * 1000),
    });
    expect(changes.find((e) => e.localId === `${b!.userId}:${b!.loId}`)?.status).toBe(EnrollmentStatus.WITHDRAWN);
    // The same record through the course listing: same local id, same status.
    const byCourse = await lms.listEnrollments({ courseLocalId: a!.loId });
    expect(byCourse.find((e) => e.localId === done?.localId)?.status).toBe(EnrollmentStatus.COMPLETED);
    expect(simulator.stats.byRoute['GET /services/api/lotranscript/transcriptsearch']).toBe(3);
    expect(simulator.stats.violations).toEqual([]);
  });

  it('never calls Catalog Search in parallel', async () => {
    const { simulator, config } = await setup();
    const client = createCornerstoneClient(config, { agency: 'unhcr' });
    open.push({ close: () => client.dispose() });
    const pages = await Promise.all([1, 2, 3, 1, 2, 3].map((page) => client.catalogSearch(page)));
    expect(pages.map((p) => p.data.length)).toEqual([25, 25, 10, 25, 25, 10]);
    expect(simulator.stats.violations).toEqual([]);
  });

  it('answers a burst of 200 concurrent catalogue and transcript queries correctly, within every limit', async () => {
    const { simulator, adapter } = await setup({
      limits: {
        perWindow: { '/services/api/v1/transcripts/overview': 30, '/services/api/x/users/v2/employees': 20 },
      },
    });
    const a = adapter();
    const users = simulator.dataset.users;
    const queries = Array.from({ length: 200 }, (_, i) => {
      if (i % 2 === 0)
        return a.listCourses({ text: ['ethics', 'climate', 'leadership', 'video'][i % 4]! }).then((c) => c.length);
      const user = users[(i * 7) % users.length]!;
      return a
        .listEnrollments({ learnerLocalIds: [String(user.id)] })
        .then((list) =>
          expect(list.map((e) => e.localId).sort()).toEqual(
            expectedEnrollments(simulator, user.id).map((e) => e.localId),
          ),
        );
    });
    const results = await Promise.all(queries);
    expect(results.filter((r) => typeof r === 'number').every((n) => (n as number) > 0)).toBe(true);
    expect(simulator.stats.violations).toEqual([]);
    expect(simulator.stats.byRoute['GET /services/api/v1/transcripts/overview']).toBe(100);
    // Concurrent learner lookups are batched into a few `ids=` calls.
    expect(simulator.stats.byRoute['GET /services/api/x/users/v2/employees']).toBeLessThan(10);
  }, 20_000);

  it('answers the same burst quickly under the documented per-minute limits', async () => {
    const simulator = await startCornerstoneSimulator({ seed: 4 });
    open.push(simulator);
    const a = createAdapter(
      cornerstoneAdapter,
      validateConfig(cornerstoneConfigSchema, {
        kind: 'cornerstone',
        baseUrl: simulator.url,
        ...CORNERSTONE_SANDBOX_CREDENTIALS,
      }),
      { agency: 'unicef', logger: pino({ level: 'silent' }), cache: new Keyv() },
    );
    open.push({ close: () => a.dispose() });
    const users = simulator.dataset.users;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 === 0 ? a.listCourses({}) : a.listEnrollments({ learnerLocalIds: [String(users[i % users.length]!.id)] }),
      ),
    );
    expect(simulator.stats.violations).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 20_000);

  it('backs off on 429 without losing a request when two instances share one portal', async () => {
    const { simulator, adapter } = await setup({
      limits: { perWindow: { '/services/api/v1/transcripts/overview': 10 } },
    });
    const [a, b] = [adapter(), adapter()];
    const users = simulator.dataset.users.slice(0, 20);
    const lists = await Promise.all(
      users.flatMap((u) => [a, b].map((x) => x.listEnrollments({ learnerLocalIds: [String(u.id)] }))),
    );
    for (const [i, list] of lists.entries()) {
      expect(list).toHaveLength(expectedEnrollments(simulator, users[Math.floor(i / 2)]!.id).length);
    }
    // Each instance keeps its own share, so together they overran the portal: 429s were answered and retried.
    expect(simulator.stats.violations.length).toBeGreaterThan(0);
  }, 20_000);
});
