import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS as CREDS,
  type SuccessFactorsSimulatorHandle,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
} from '../../../../adapters/successfactors/index.js';
import { createDataset, SHARED_PEOPLE } from '../../../../adapters/successfactors/simulator/data.js';
import { EnrollmentStatus } from '../../../../schema/model/enums.js';

const open: Array<{ close(): Promise<void> | void }> = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

async function simulator(options: Parameters<typeof startSuccessFactorsSimulator>[0]) {
  const sim = await startSuccessFactorsSimulator(options);
  open.push(sim);
  return sim;
}

function adapterFor(sim: SuccessFactorsSimulatorHandle, minIntervalMs: number): LmsAdapter {
  const config = successFactorsAdapter.configSchema.parse({
    kind: 'successfactors',
    baseUrl: sim.url,
    ...CREDS,
    minIntervalMs,
  });
  const adapter = createAdapter(successFactorsAdapter, config, {
    agency: 'sim',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  open.push({ close: () => adapter.dispose() });
  return adapter;
}

async function token(sim: SuccessFactorsSimulatorHandle): Promise<string> {
  const response = await fetch(`${sim.url}/learning/oauth-api/rest/v1/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${CREDS.clientId}:${CREDS.clientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      scope: {
        userId: CREDS.userId,
        companyId: CREDS.companyId,
        userType: 'admin',
        resourceType: 'learning_public_api',
      },
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const ODATA = '/learning/odatav4/public';
const get = async (sim: SuccessFactorsSimulatorHandle, path: string, bearer: string) => {
  const response = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
    headers: { authorization: `Bearer ${bearer}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('SuccessFactors simulator and adapter together', () => {
  it('never sees two limited calls within the interval: zero violations, gaps measured at the simulator', async () => {
    const interval = 100;
    const sim = await simulator({ seed: 3, minIntervalMs: interval });
    const adapter = adapterFor(sim, interval);
    const ids = sim.dataset.students.slice(0, 4).map((s) => s.studentID);
    // Everything in parallel: learner reads, searches by index number, catalogue and item look-ups.
    await Promise.all([
      adapter.getLearners(ids),
      adapter.findLearners({ indexNumber: 'UN-100002' }),
      adapter.findLearners({ email: 'LUCIA.FERNANDEZ@UN.ORG' }),
      adapter.getCourses(['COURSE~NOPE-1~1704067200000', 'COURSE~NOPE-2~1704067200000']),
      adapter.listCourses({}),
      adapter.healthCheck(),
    ]);
    expect(sim.stats.violations).toEqual([]);
    for (const [service, times] of Object.entries(sim.arrivals)) {
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      expect(Math.min(...gaps), service).toBeGreaterThanOrEqual(interval);
    }
    expect(sim.arrivals['search-service']?.length).toBeGreaterThanOrEqual(8);
  });

  it('answers 429 and records a violation when a client ignores the limit', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 500 });
    const bearer = await token(sim);
    const path = `${ODATA}/admin/search-service/v1/Students?$filter=scriteria/isActive eq true`;
    const answers = await Promise.all([get(sim, path, bearer), get(sim, path, bearer)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 429]);
    expect(answers.find((a) => a.status === 429)?.body).toEqual({
      error: { code: 'TOO_MANY_REQUESTS', message: 'API calling limit exceeded, Try later' },
    });
    expect(sim.stats.violations).toHaveLength(1);
  });

  it('pages past 1,000 rows: capped pages with nextLink on the wire, the whole catalogue through the adapter', async () => {
    const sim = await simulator({ seed: 5, catalogueSize: 2600, minIntervalMs: 5 });
    const active = sim.dataset.items.filter((i) => i.active).length;
    expect(active).toBeGreaterThan(2000);
    const bearer = await token(sim);
    const feed = `${ODATA}/admin/catalog-service/v1/CatalogsFeed('PUBLIC')/CoursesFeed?$top=5000&$count=true`;
    const first = await get(sim, feed, bearer);
    expect((first.body.value as unknown[]).length).toBe(1000);
    expect(first.body['@odata.count']).toBe(active);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const second = await get(sim, String(first.body['@odata.nextLink']), bearer);
    expect((second.body.value as unknown[]).length).toBe(1000);

    const courses = await adapterFor(sim, 5).listCourses({});
    expect(courses).toHaveLength(active);
    expect(new Set(courses.map((c) => c.localId)).size).toBe(active);
    expect(sim.stats.violations).toEqual([]);
  });

  it('refreshes an expired token transparently', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 10 });
    const adapter = adapterFor(sim, 10);
    const amina = sim.dataset.students[0]!.studentID;
    await adapter.listEnrollments({ learnerLocalIds: [amina] });
    expect(sim.tokensIssued()).toBe(1);
    sim.expireTokens();
    const bearer = await token(sim);
    sim.expireTokens();
    expect((await get(sim, `${ODATA}/admin/catalog-service/v1/Catalogs`, bearer)).body).toEqual({
      error: 'invalid_token',
      error_description: 'The token has expired.',
    });
    expect((await adapter.listEnrollments({ learnerLocalIds: [amina] })).length).toBeGreaterThan(0);
    expect(sim.tokensIssued()).toBe(3);
  });

  it('gives the shared people their index numbers, enrolments and a certified completion; seconds rows join', async () => {
    const sim = await simulator({ seed: 11, minIntervalMs: 10 });
    const adapter = adapterFor(sim, 10);
    const catalogue = new Set((await adapter.listCourses({})).map((c) => c.localId));
    for (const person of SHARED_PEOPLE) {
      const [learner] = await adapter.findLearners({ indexNumber: person.indexNumber });
      expect(learner?.email).toBe(person.email.toLowerCase());
      const byEmail = await adapter.findLearners({ email: person.email.toUpperCase() });
      expect(byEmail.map((l) => l.localId)).toEqual([learner?.localId]);
      const enrollments = await adapter.listEnrollments({ learnerLocalIds: [learner!.localId] });
      const completed = enrollments.filter((e) => e.status === EnrollmentStatus.COMPLETED);
      expect(completed.length).toBeGreaterThan(0);
      // Kenji's history comes in epoch seconds: dates stay in this decade and keys match the catalogue.
      for (const e of enrollments) expect(catalogue.has(e.courseLocalId)).toBe(true);
      for (const e of completed) expect(e.completedAt!.getUTCFullYear()).toBeGreaterThanOrEqual(2023);
      const credentials = await adapter.listCredentials([learner!.localId]);
      expect(credentials.length).toBeGreaterThan(0);
    }
    expect(sim.dataset.history.some((row) => (row.completionDate as number) < 1e11)).toBe(true);
  });

  it('answers "no search results" with HTTP 500, which the adapter reads as empty', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 10 });
    const bearer = await token(sim);
    const answer = await get(
      sim,
      `${ODATA}/admin/search-service/v1/Students?$filter=scriteria/studentID eq 'nobody'`,
      bearer,
    );
    expect(answer.status).toBe(500);
    expect(answer.body).toEqual({
      error: { code: 'SEARCH_NO_RESULTS', message: 'No search results for provided search criteria' },
    });
    const adapter = adapterFor(sim, 10);
    expect(await adapter.getLearners(['nobody'])).toEqual([null]);
    expect(await adapter.findLearners({ indexNumber: 'UN-999999' })).toEqual([]);
  });

  it('bounds learning history by criteria fromDate/toDate on lastUpdateTimestamp, in either epoch unit', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 10 });
    const bearer = await token(sim);
    const assignment = sim.dataset.todo[0]!;
    const student = assignment.userID;
    const history = (extra: string) =>
      get(
        sim,
        `${ODATA}/user/userlearning-service/v1/learninghistorys?$filter=criteria/targetUserID eq '${student}'${extra}`,
        bearer,
      ).then((a) => a.body.value as Array<Record<string, unknown>>);
    const before = await history('');
    const from = Date.now() - 60_000;
    expect(await history(` and criteria/fromDate eq ${from}`)).toEqual([]);
    // The learner completes the item: the to-do row leaves the plan, the history gains a row updated now.
    expect(sim.completeAssignment(student, String(assignment.componentID))).toBe(true);
    expect(sim.completeAssignment(student, String(assignment.componentID))).toBe(false);
    const recent = await history(` and criteria/fromDate eq ${from} and criteria/toDate eq ${Date.now() + 1000}`);
    expect(recent.map((r) => r.componentID)).toEqual([assignment.componentID]);
    expect(await history(` and criteria/fromDate eq ${Math.floor(from / 1000)}`)).toHaveLength(1);
    expect(await history(` and criteria/toDate eq ${from}`)).toHaveLength(before.length);
    const todo = await get(
      sim,
      `${ODATA}/user/learningplan-service/v1/UserTodoLearningItems?$filter=criteria/targetUserID eq '${student}'`,
      bearer,
    );
    expect((todo.body.value as Array<Record<string, unknown>>).map((r) => r.componentID)).not.toContain(
      assignment.componentID,
    );
  });

  it('answers bad requests with OData error envelopes', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 0 });
    const bearer = await token(sim);
    const history = `${ODATA}/user/userlearning-service/v1/learninghistorys`;
    expect(await get(sim, `${history}?$filter=title eq 'x'`, bearer)).toEqual({
      status: 400,
      body: { error: { code: '400', message: 'Filtering on title is not supported; use criteria fields.' } },
    });
    expect((await get(sim, `${ODATA}/admin/search-service/v1/Nope`, bearer)).status).toBe(404);
    expect((await get(sim, `${history}?$filter=criteria/targetUserID eq 'x'&$top=-1`, bearer)).status).toBe(400);
    expect((await get(sim, `${ODATA}/admin/catalog-service/v1/Catalogs`, 'forged')).status).toBe(401);
  });
});

describe('simulator token server and curriculum limit', () => {
  const tokenRequest = (sim: SuccessFactorsSimulatorHandle, secret: string, scope: unknown) =>
    fetch(`${sim.url}/learning/oauth-api/rest/v1/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${CREDS.clientId}:${secret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ grant_type: 'client_credentials', scope }),
    });

  it('requires the nested scope object and answers a wrong secret with 403 and no token', async () => {
    const sim = await simulator({ seed: 3 });
    const scope = { userId: 'u', companyId: CREDS.companyId, userType: 'admin', resourceType: 'learning_public_api' };
    expect((await tokenRequest(sim, CREDS.clientSecret, scope)).status).toBe(200);
    const wrong = await tokenRequest(sim, 'nope', scope);
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).not.toHaveProperty('access_token');
    expect((await tokenRequest(sim, CREDS.clientSecret, 'learning_public_api')).status).toBe(400);
    const user = await tokenRequest(sim, CREDS.clientSecret, { ...scope, userType: 'user' });
    const bearer = ((await user.json()) as { access_token: string }).access_token;
    expect((await get(sim, `${ODATA}/admin/catalog-service/v1/Catalogs`, bearer)).status).toBe(403);
  });

  it('spaces curriculum-service calls ten times the base interval (5 s for 500 ms)', async () => {
    const sim = await simulator({ seed: 3, minIntervalMs: 20 });
    const bearer = await token(sim);
    const path = `${ODATA}/admin/curriculum-service/v1/UserCurriculumStatuses`;
    await get(sim, path, bearer);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await get(sim, path, bearer)).status).toBe(429);
    expect(sim.stats.violations).toHaveLength(1);
  });
});

describe('simulator dataset', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(createDataset(1, 60)).toEqual(createDataset(1, 60));
    expect(createDataset(2, 60).students.map((s) => s.studentID)).not.toEqual(
      createDataset(1, 60).students.map((s) => s.studentID),
    );
    const data = createDataset(9, 60);
    expect(data.items).toHaveLength(60);
    expect(data.students).toHaveLength(120);
    expect(data.students.slice(0, 3).map((s) => s.personExternalID)).toEqual(['UN-100001', 'UN-100002', 'UN-100003']);
    expect(data.history.some((row) => typeof row.certificateLink === 'string')).toBe(true);
  });
});
