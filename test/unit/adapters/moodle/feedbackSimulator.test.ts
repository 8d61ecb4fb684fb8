import qs from 'qs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  feedbacksOf,
  generateDataset,
  HIDDEN_COURSE_ID,
  MOODLE_SANDBOX_TOKEN,
  startMoodleSimulator,
  UNRATED_FEEDBACK_COURSE_ID,
} from '../../../../adapters/moodle/index.js';

/** The simulator's mod_feedback functions on the wire (mod/feedback/classes/external.php). */
const SEED = 7;
const data = generateDataset(SEED, 'Sandbox');
const feedbacks = feedbacksOf(data);
let sim: SimulatorHandle;

async function ws<T = Record<string, unknown>>(params: Record<string, unknown>): Promise<T> {
  const response = await fetch(`${sim.url}/webservice/rest/server.php`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: qs.stringify({ wstoken: MOODLE_SANDBOX_TOKEN, moodlewsrestformat: 'json', ...params }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

interface Responses {
  attempts: { id: number; userid: number; fullname: string; timemodified: number; responses: unknown[] }[];
  totalattempts: number;
  anonattempts: { id: number; number: number; responses: { id: number; rawval: string | null }[] }[];
  totalanonattempts: number;
}

beforeAll(async () => {
  sim = await startMoodleSimulator({ seed: SEED, siteName: 'Sandbox' });
});
afterAll(() => sim.close());

describe('Moodle simulator: Feedback activities', () => {
  const named = feedbacks.find((f) => f.anonymous === 2 && f.responses.length > 3)!;
  const anonymous = feedbacks.find((f) => f.anonymous === 1 && f.responses.length > 3)!;

  it('lists the feedbacks of the courses asked, an unknown course as a warning, none in the hidden course', async () => {
    const answer = await ws<{ feedbacks: { id: number; course: number; anonymous: number }[]; warnings: unknown[] }>({
      wsfunction: 'mod_feedback_get_feedbacks_by_courses',
      courseids: [named.courseId, anonymous.courseId, HIDDEN_COURSE_ID, 99_999],
    });
    expect(answer.feedbacks.map((f) => [f.id, f.course, f.anonymous]).sort()).toEqual(
      [
        [named.id, named.courseId, 2],
        [anonymous.id, anonymous.courseId, 1],
      ].sort(),
    );
    expect(answer.warnings).toEqual([expect.objectContaining({ item: 'course', itemid: 99_999, warningcode: '1' })]);
  });

  it('answers the items with type, label and multichoicerated presentation; an unrated feedback has none', async () => {
    const { items } = await ws<{
      items: { typ: string; label: string; presentation: string; itemnumber: number | null }[];
    }>({ wsfunction: 'mod_feedback_get_items', feedbackid: anonymous.id });
    const rated = items.filter((i) => i.typ === 'multichoicerated');
    expect(rated.map((i) => i.label)).toContain('courserating');
    expect(rated[0]?.presentation).toMatch(/^r>>>>>\d+####/);
    expect(items.find((i) => i.typ === 'label')?.itemnumber).toBeNull();
    const unrated = feedbacks.find((f) => f.courseId === UNRATED_FEEDBACK_COURSE_ID)!;
    const other = await ws<{ items: { typ: string }[] }>({
      wsfunction: 'mod_feedback_get_items',
      feedbackid: unrated.id,
    });
    expect(other.items.some((i) => i.typ === 'multichoicerated')).toBe(false);
  });

  it('answers named responses in attempts (with the learner) and anonymous ones in anonattempts, paged alike', async () => {
    const byName = await ws<Responses>({ wsfunction: 'mod_feedback_get_responses_analysis', feedbackid: named.id });
    expect(byName.totalattempts).toBe(named.responses.length);
    expect(byName.anonattempts).toEqual([]);
    expect(byName.attempts[0]).toMatchObject({ userid: named.responses[0]!.userId, fullname: expect.any(String) });
    const first = await ws<Responses>({
      wsfunction: 'mod_feedback_get_responses_analysis',
      feedbackid: anonymous.id,
      page: 1,
      perpage: 2,
    });
    expect(first.totalanonattempts).toBe(anonymous.responses.length);
    expect(first.attempts).toEqual([]);
    expect(first.anonattempts.map((a) => [a.id, a.number])).toEqual([
      [anonymous.responses[2]!.id, 3],
      [anonymous.responses[3]!.id, 4],
    ]);
    expect(first.anonattempts[0]).not.toHaveProperty('userid');
    // Items that take no value (labels) have no response.
    expect(first.anonattempts[0]!.responses.length).toBe(anonymous.items.filter((i) => i.hasvalue).length);
  });

  it('answers an unknown feedback with invalidrecord and a non-numeric id with invalidparameter, as HTTP 200', async () => {
    expect(await ws({ wsfunction: 'mod_feedback_get_items', feedbackid: 4242 })).toMatchObject({
      exception: 'dml_missing_record_exception',
      errorcode: 'invalidrecord',
    });
    expect(await ws({ wsfunction: 'mod_feedback_get_responses_analysis', feedbackid: 'x' })).toMatchObject({
      errorcode: 'invalidparameter',
    });
  });
});
