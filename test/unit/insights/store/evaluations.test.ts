import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import type { AdapterDescriptor } from '../../../../adapters/core/descriptor.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  feedbacksOf,
  generateDataset,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  startMoodleSimulator,
} from '../../../../adapters/moodle/index.js';
import {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  type SuccessFactorsSimulatorHandle,
  startSuccessFactorsSimulator,
  successFactorsAdapter,
} from '../../../../adapters/successfactors/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { formatGlobalId } from '../../../../schema/globalId.js';
import { harvestAgency } from '../../../../subgraphs/insights/harvest/harvestAgency.js';
import { InsightsStore } from '../../../../subgraphs/insights/store/insightsStore.js';
import { type RunningInsights, startInsightsSubgraph } from '../../../../subgraphs/insights/subgraph/server.js';

/**
 * Course evaluations harvested from the simulators (issue 15): Moodle's Feedback responses through the
 * `evaluations` capability, SuccessFactors' learning-history ratings with the enrolments; averages as the
 * simulated LMS holds them, and nothing in the ratings table that names a learner.
 */
const MOODLE_SEED = 5;
const SITE = 'Convergence Moodle sandbox';
const moodleData = generateDataset(MOODLE_SEED, SITE, { courses: 20, users: 120 });
const THRESHOLD = 5;

let store: InsightsStore;
let moodle: SimulatorHandle;
let sf: SuccessFactorsSimulatorHandle;
let insights: RunningInsights;
const adapters: LmsAdapter[] = [];

function adapterOf<C>(descriptor: AdapterDescriptor<C>, agency: string, settings: Record<string, unknown>): LmsAdapter {
  const config = validateConfig(descriptor.configSchema, settings, 'lms');
  const adapter = createAdapter(descriptor, config, { agency, logger: pino({ level: 'silent' }), cache: new Keyv() });
  adapters.push(adapter);
  return adapter;
}

/** Moodle's truth: every answered rating item (value "1".."5" on the 1–5 item; "0" is a blank) per course. */
function moodleTruth(): Map<string, number[]> {
  const byCourse = new Map<string, number[]>();
  for (const f of feedbacksOf(moodleData)) {
    const item = f.items.find((i) => i.typ === 'multichoicerated' && i.name.startsWith('Overall'));
    if (!item) continue;
    for (const r of f.responses) {
      const value = Number(r.values.get(item.id));
      if (value >= 1) byCourse.set(String(f.courseId), [...(byCourse.get(String(f.courseId)) ?? []), value]);
    }
  }
  return byCourse;
}

const sum = (values: readonly number[]) => values.reduce((n, v) => n + v, 0);

beforeAll(async () => {
  [store, moodle, sf] = await Promise.all([
    InsightsStore.open({ kind: 'pglite' }, { learnerKeySecret: 'evals-secret' }),
    startMoodleSimulator({ data: moodleData }),
    startSuccessFactorsSimulator({ seed: 4, minIntervalMs: 0 }),
  ]);
  insights = await startInsightsSubgraph({ store, suppressionThreshold: THRESHOLD });
}, 120_000);
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.dispose()));
  await insights?.stop();
  await Promise.all([moodle?.close(), sf?.close()]);
  await store?.close();
});

describe('course evaluations harvested with the rest', { timeout: 120_000 }, () => {
  it("stores Moodle's Feedback ratings per course with the LMS's averages, keyed by response, not learner", async () => {
    const adapter = adapterOf(moodleAdapter, 'who', {
      kind: 'moodle',
      baseUrl: moodle.url,
      token: MOODLE_SANDBOX_TOKEN,
    });
    const result = await harvestAgency(store, { code: 'who', adapter });
    expect(result.ok).toBe(true);
    const truth = moodleTruth();
    const all = [...truth.values()].flat();
    expect(all.length).toBeGreaterThan(20);
    const [agency] = await store.ratings('who');
    expect(agency).toMatchObject({ responses: all.length });
    expect(agency?.sum).toBeCloseTo(sum(all), 6);
    const rows = await store.ratings('who', [...truth.keys()]);
    expect(new Map(rows.map((r) => [r.courseId, [r.responses, r.sum]]))).toEqual(
      new Map([...truth].map(([course, values]) => [course, [values.length, sum(values)]])),
    );
    // Keyed by feedback and response (`<feedbackId>-<completedId>`): no user id, no name, no free text.
    const stored = await store.sql.query<{ local_id: string }>(`SELECT local_id FROM ratings WHERE agency = 'who'`);
    const responseIds = new Set(feedbacksOf(moodleData).flatMap((f) => f.responses.map((r) => `${f.id}-${r.id}`)));
    expect(stored.every((r) => responseIds.has(r.local_id))).toBe(true);

    // Harvesting again (a full run) changes nothing.
    await harvestAgency(store, { code: 'who', adapter }, { full: true });
    expect((await store.ratings('who'))[0]).toEqual(agency);
  });

  it('answers Course.rating of a Moodle course from the store: responses > 0, suppressed under the threshold', async () => {
    const truth = [...moodleTruth()];
    const [rich, values] = truth.find(([, v]) => v.length >= THRESHOLD)!;
    const [thin] = truth.find(([, v]) => v.length > 0 && v.length < THRESHOLD)!;
    const ask = async (localId: string) => {
      const response = await fetch(insights.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Course { rating { average responses } } } }`,
          variables: { r: [{ __typename: 'Course', id: formatGlobalId('who', 'course', localId) }] },
        }),
      });
      const body = (await response.json()) as {
        data: { _entities: { rating: { average: number | null; responses: number | null } }[] };
      };
      return body.data._entities[0]!.rating;
    };
    expect(await ask(rich)).toEqual({
      average: Math.round((sum(values) / values.length) * 100) / 100,
      responses: values.length,
    });
    expect(await ask(thin)).toEqual({ average: null, responses: null });
    // A course without a feedback (or without answers): no rating, and no responses.
    const none = moodleData.courses.find((c) => !truth.some(([id]) => id === String(c.id)))!;
    expect(await ask(String(none.id))).toEqual({ average: null, responses: 0 });
  });

  it("stores SuccessFactors' learning-history ratings without the student id the enrolment ids carry", async () => {
    const { clientId, companyId, userId, clientSecret } = SUCCESSFACTORS_SANDBOX_CREDENTIALS;
    const adapter = adapterOf(successFactorsAdapter, 'wfp', {
      ...{ kind: 'successfactors', baseUrl: sf.url, clientId, companyId, userId, clientSecret },
      minIntervalMs: 0,
    });
    const result = await harvestAgency(store, { code: 'wfp', adapter });
    expect(result.ok).toBe(true);
    const rated = sf.dataset.history.filter((row) => typeof row.rating === 'number');
    expect(rated.length).toBeGreaterThan(5);
    const [agency] = await store.ratings('wfp');
    expect(agency?.responses).toBe(rated.length);
    expect(agency?.sum).toBe(sum(rated.map((row) => row.rating as number)));
    const stored = await store.sql.query<{ local_id: string }>(`SELECT local_id FROM ratings WHERE agency = 'wfp'`);
    const students = new Set(sf.dataset.history.map((row) => row.userID));
    expect(stored.some((r) => [...students].some((s) => r.local_id.includes(s)))).toBe(false);
    const columns = await store.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'ratings'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('learner_key');
  });
});
