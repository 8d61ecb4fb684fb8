import nock from 'nock';
import qs from 'qs';
import { afterAll, describe, expect, it } from 'vitest';
import { requiredFunctions } from '../../../../adapters/moodle/adapter.js';
import { createMoodleClient, MOODLE_REST_PATH } from '../../../../adapters/moodle/client.js';
import { moodleConfigSchema } from '../../../../adapters/moodle/config.js';
import { listMoodleEvaluations, ratingItem, toRating } from '../../../../adapters/moodle/evaluations.js';
import { Secret } from '../../../../schema/config/secret.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';

/** mod_feedback's functions on the wire (mod/feedback/classes/external.php), against nock. */
const SITE = 'https://learn.example.org';
const JSON_TYPE = { 'content-type': 'application/json' };
const settings = moodleConfigSchema.shape.feedback.parse(undefined);

const client = () =>
  createMoodleClient({
    baseUrl: SITE,
    token: new Secret('0123456789abcdef0123456789abcdef'),
    agency: 'unssc',
    retries: 0,
    backoffBaseMs: 1,
    timeoutMs: 2_000,
  });

/** Moodle answers the next calls in order, each by `wsfunction`; the parsed requests are captured. */
function mockFunctions(replies: Record<string, unknown>[]) {
  const seen: Record<string, unknown>[] = [];
  for (const reply of replies) {
    nock(SITE)
      .post(MOODLE_REST_PATH)
      .reply((_path, body) => {
        const params = qs.parse(String(body));
        seen.push(params);
        const answer = reply[String(params.wsfunction)];
        return [200, JSON.stringify(answer ?? { exception: 'x', errorcode: 'unexpected' }), JSON_TYPE];
      });
  }
  return seen;
}

const RATED_5 = 'r>>>>>1####Poor|2####Fair|3####Good|4####Very good|5####Excellent';
const item = (id: number, typ: string, label: string, presentation: string, position: number) => ({
  ...{ id, feedback: 7, template: 0, name: `Q${id}`, label, presentation, typ, hasvalue: typ === 'label' ? 0 : 1 },
  ...{ position, required: false, dependitem: 0, dependvalue: '', options: '', itemfiles: [], itemnumber: 1 },
  otherdata: '',
});
const value = (id: number, rawval: string | null) => ({ id, name: `Q${id}`, printval: '', rawval });

useNockHygiene();
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('Moodle client: mod_feedback functions', () => {
  it('asks for the feedbacks of courses as courseids[i], items and responses by feedbackid with paging', async () => {
    const seen = mockFunctions([
      {
        mod_feedback_get_feedbacks_by_courses: {
          feedbacks: [{ id: 7, course: 12, name: 'E', anonymous: 1 }],
          warnings: [],
        },
      },
      { mod_feedback_get_items: { items: [], warnings: [] } },
      {
        mod_feedback_get_responses_analysis: {
          attempts: [],
          totalattempts: 0,
          anonattempts: [],
          totalanonattempts: 0,
          warnings: [],
        },
      },
    ]);
    const moodle = client();
    expect((await moodle.getFeedbacksByCourses([12, 15])).feedbacks[0]).toMatchObject({ id: 7, course: 12 });
    await moodle.getFeedbackItems(7);
    await moodle.getFeedbackResponses(7, 2, 50);
    expect(seen[0]).toMatchObject({ wsfunction: 'mod_feedback_get_feedbacks_by_courses', courseids: ['12', '15'] });
    expect(seen[1]).toMatchObject({ wsfunction: 'mod_feedback_get_items', feedbackid: '7' });
    expect(seen[2]).toMatchObject({
      wsfunction: 'mod_feedback_get_responses_analysis',
      feedbackid: '7',
      page: '2',
      perpage: '50',
    });
    // No call at all for no courses (an empty courseids[] would mean "my courses" to Moodle).
    expect(await moodle.getFeedbacksByCourses([])).toEqual({ feedbacks: [], warnings: [] });
  });

  it('maps an HTTP 200 exception envelope (missing capability) to LMS_FORBIDDEN', async () => {
    nock(SITE)
      .post(MOODLE_REST_PATH)
      .reply(
        200,
        JSON.stringify({
          exception: 'required_capability_exception',
          errorcode: 'nopermissions',
          message: 'Sorry, but you do not currently have permissions to do that (View reports).',
        }),
        JSON_TYPE,
      );
    expect(await lmsRejection(client().getFeedbackResponses(7, 0, 10))).toMatchObject({ code: 'LMS_FORBIDDEN' });
  });
});

describe('Moodle evaluations: from feedback responses to anonymous 1–5 ratings', () => {
  it('reads the labelled rated item over every page of named and anonymous responses, keeping no learner', async () => {
    const items = [
      item(71, 'label', '', '', 1),
      item(72, 'multichoicerated', 'relevance', 'r>>>>>0####No|1####A bit|2####Yes', 2),
      item(73, 'multichoicerated', 'CourseRating', RATED_5, 3),
      item(74, 'textarea', 'comments', '30|5', 4),
    ];
    const named = (id: number, picked: string) => ({
      ...{ id, courseid: 12, userid: 900 + id, timemodified: 1_700_000_000 + id, fullname: 'Jane Doe' },
      responses: [value(72, '1'), value(73, picked), value(74, 'secret text')],
    });
    const anon = (id: number, picked: string) => ({
      ...{ id, courseid: 12, number: id },
      responses: [value(72, '3'), value(73, picked), value(74, '')],
    });
    const page = (attempts: unknown[], anonattempts: unknown[]) => ({
      mod_feedback_get_responses_analysis: {
        attempts,
        totalattempts: 3,
        anonattempts,
        totalanonattempts: 1,
        warnings: [],
      },
    });
    const seen = mockFunctions([
      {
        mod_feedback_get_feedbacks_by_courses: {
          feedbacks: [{ id: 7, course: 12, name: 'Course evaluation', anonymous: 2 }],
          warnings: [{ item: 'course', itemid: 99, warningcode: '1', message: 'No access rights in course context' }],
        },
      },
      { mod_feedback_get_items: { items, warnings: [] } },
      page([named(1, '5'), named(2, '0')], [anon(3, '2')]),
      page([named(4, '4')], []),
    ]);
    const records = await listMoodleEvaluations(client(), [12, 99], { ...settings, pageSize: 2 });
    expect(seen.map((p) => p.page)).toEqual([undefined, undefined, '0', '1']);
    // Response 2 left the rating blank ("0"): no record.
    expect(records).toEqual([
      { courseLocalId: '12', responseLocalId: '7-1', rating: 5, answeredAt: new Date(1_700_000_001_000) },
      { courseLocalId: '12', responseLocalId: '7-3', rating: 2, answeredAt: null },
      { courseLocalId: '12', responseLocalId: '7-4', rating: 4, answeredAt: new Date(1_700_000_004_000) },
    ]);
    expect(JSON.stringify(records)).not.toMatch(/Jane|secret|9\d\d/);
  });

  it('leaves out a feedback whose reports the service user may not view, and reads the others', async () => {
    const rated = [item(73, 'multichoicerated', 'courserating', RATED_5, 1)];
    const anon = (id: number) => ({ id, courseid: 15, number: id, responses: [value(73, '3')] });
    const answers: Record<string, unknown> = {
      mod_feedback_get_feedbacks_by_courses: {
        feedbacks: [
          { id: 7, course: 12, name: 'E', anonymous: 1 },
          { id: 8, course: 15, name: 'E', anonymous: 1 },
        ],
        warnings: [],
      },
      mod_feedback_get_items: { items: rated, warnings: [] },
      'mod_feedback_get_responses_analysis:7': {
        exception: 'required_capability_exception',
        errorcode: 'nopermissions',
        message: 'Sorry, but you do not currently have permissions to do that (View reports).',
      },
      'mod_feedback_get_responses_analysis:8': {
        ...{ attempts: [], totalattempts: 0, anonattempts: [anon(5)], totalanonattempts: 1, warnings: [] },
      },
    };
    nock(SITE)
      .post(MOODLE_REST_PATH)
      .times(5)
      .reply((_path, body) => {
        const params = qs.parse(String(body));
        const name = String(params.wsfunction);
        const answer = answers[name] ?? answers[`${name}:${String(params.feedbackid)}`];
        return [200, JSON.stringify(answer), JSON_TYPE];
      });
    expect(await listMoodleEvaluations(client(), [12, 15], settings)).toEqual([
      { courseLocalId: '15', responseLocalId: '8-5', rating: 3, answeredAt: null },
    ]);
  });

  it('falls back to the first rated item, maps its scale onto 1–5, and skips feedbacks without one', () => {
    const relevance = item(72, 'multichoicerated', '', 'r>>>>>0####No|1####A bit|2####Yes<<<<<1', 2);
    const later = item(73, 'multichoicerated', '', RATED_5, 3);
    expect(ratingItem([later, relevance], settings)?.id).toBe(72);
    expect(ratingItem([later, relevance], { ...settings, firstRatedItem: false })).toBeUndefined();
    expect(ratingItem([item(74, 'textarea', 'courserating', '', 1)], settings)).toBeUndefined();
    expect(toRating(relevance, value(72, '1'))).toBe(1);
    expect(toRating(relevance, value(72, '2'))).toBe(3);
    expect(toRating(relevance, value(72, '3'))).toBe(5);
    expect(toRating(relevance, value(72, ''))).toBeNull();
    expect(toRating(relevance, value(72, '9'))).toBeNull();
  });

  it('makes no call when feedback evaluations are switched off, and then needs no mod_feedback function', async () => {
    expect(await listMoodleEvaluations(client(), [12], { ...settings, enabled: false })).toEqual([]);
    const config = moodleConfigSchema.parse({ kind: 'moodle', baseUrl: SITE, token: 'x' });
    expect(requiredFunctions(config)).toContain('mod_feedback_get_responses_analysis');
    expect(requiredFunctions({ ...config, feedback: { ...settings, enabled: false } }).join()).not.toMatch(/feedback/);
  });
});
