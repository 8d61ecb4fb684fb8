import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../../../../adapters/core/adapter.js';
import type { LmsError } from '../../../../adapters/core/errors.js';
import { createAdapter } from '../../../../adapters/core/factory.js';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  EMPTY_SDG_FIELD_COURSE_ID,
  generateDataset,
  HIDDEN_COURSE_ID,
  isActive,
  MOODLE_REQUIRED_FUNCTIONS,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  moodleConfigSchema,
  NO_ACTIVITY_COURSE_ID,
  SHARED_PEOPLE,
  SITE_LANG,
  startMoodleSimulator,
  UNINSTALLED_LANG_COURSE_ID,
  WILDCARD_PEOPLE,
} from '../../../../adapters/moodle/index.js';
import { validateConfig } from '../../../../schema/config/load.js';
import { CourseVisibility, EnrollmentStatus } from '../../../../schema/model/enums.js';

/** Issue 13, point by point, on the simulator as a PostgreSQL site (its default) answers. */
const SEED = 3;
const data = generateDataset(SEED, 'Convergence Moodle sandbox');
const amina = data.users.find((u) => u.email === SHARED_PEOPLE[0]!.email)!;
let sim: SimulatorHandle;
const adapters: LmsAdapter[] = [];

function fresh(extra: Record<string, unknown> = {}, url = sim.url): LmsAdapter {
  const config = validateConfig(moodleAdapter.configSchema, {
    kind: 'moodle',
    baseUrl: url,
    token: MOODLE_SANDBOX_TOKEN,
    ...extra,
  });
  const adapter = createAdapter(moodleAdapter, config, {
    agency: 'unssc',
    logger: pino({ level: 'silent' }),
    cache: new Keyv(),
  });
  adapters.push(adapter);
  return adapter;
}

const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as LmsError,
  );
const key = (e: { learnerLocalId: string; courseLocalId: string }) => `${e.learnerLocalId}-${e.courseLocalId}`;

/** The statistics the dataset holds, by the README's definitions. */
function truth() {
  const active = data.enrolments.filter((e) => isActive(e));
  return {
    courseCount: data.courses.length,
    learnerCount: new Set(data.enrolments.map((e) => e.userId)).size,
    enrollmentCount: data.enrolments.length,
    completedCount: active.filter((e) => e.completed).length,
    inProgressCount: active.filter((e) => !e.completed && e.lastcourseaccess > 0).length,
    failedCount: 0,
    withdrawnCount: data.enrolments.length - active.length,
    credentialCount: data.issued.filter(
      (i) => i.visible === 1 && data.badges.find((b) => b.id === i.badgeId)?.courseId !== null,
    ).length,
  };
}

beforeAll(async () => {
  sim = await startMoodleSimulator({ seed: SEED });
});
beforeEach(() => sim.reset());
afterAll(async () => {
  await Promise.all(adapters.map((a) => a.dispose()));
  await sim.close();
});

// Whole-site reads: generous time on a shared machine.
describe('1. complete transcripts: hidden courses and inactive enrolments included', { timeout: 30_000 }, () => {
  it('lists every enrolment of a learner, hidden-course and inactive ones included, each readable by id', async () => {
    const adapter = fresh();
    const transcript = await adapter.listEnrollments({ learnerLocalIds: [String(amina.id)] });
    const expected = data.enrolments.filter((e) => e.userId === amina.id);
    expect(transcript.map(key).sort()).toEqual(expected.map((e) => `${e.userId}-${e.courseId}`).sort());
    const hidden = transcript.find((e) => e.courseLocalId === String(HIDDEN_COURSE_ID))!;
    expect(hidden.status).not.toBe(EnrollmentStatus.WITHDRAWN);
    const inactive = expected.filter((e) => !isActive(e)).map((e) => `${e.userId}-${e.courseId}`);
    const withdrawn = transcript.filter((e) => e.status === EnrollmentStatus.WITHDRAWN);
    expect(withdrawn.map(key).sort()).toEqual(inactive.sort());
    expect(withdrawn[0]?.sourceStatus).toBe('enrolment not active (suspended, ended or not yet started)');
    const again = await fresh().getEnrollments([hidden.localId, withdrawn[0]!.localId, `${amina.id}-99999`]);
    expect(again.map((e) => e?.status ?? null)).toEqual([hidden.status, EnrollmentStatus.WITHDRAWN, null]);
  });

  it("keeps to the learner's own course list, in one call, when the agency chooses active transcripts", async () => {
    const transcript = await fresh({ transcripts: 'active' }).listEnrollments({ learnerLocalIds: [String(amina.id)] });
    const listed = data.enrolments.filter(
      (e) => e.userId === amina.id && isActive(e) && data.courses.find((c) => c.id === e.courseId)?.visible === 1,
    );
    expect(transcript.map(key).sort()).toEqual(listed.map((e) => `${e.userId}-${e.courseId}`).sort());
    expect(sim.stats.byRoute['ws:core_enrol_get_users_courses']).toBe(1);
    expect(sim.stats.byRoute['ws:core_enrol_get_enrolled_users']).toBeUndefined();
  });

  it('counts them too: every enrolment, the inactive ones as withdrawn', async () => {
    const stats = await fresh().getStats({});
    expect(stats).toEqual(truth());
  });
});

describe('2. e-mails as Moodle stores them', () => {
  const capitals = data.users.find((u) => !u.emailHidden && u.email !== u.email.toLowerCase())!;

  it('finds an address stored with capitals whatever case is asked, with core_user_get_users', async () => {
    const adapter = fresh();
    for (const email of [capitals.email.toLowerCase(), capitals.email.toUpperCase()]) {
      expect((await adapter.findLearners({ email })).map((l) => l.localId)).toEqual([String(capitals.id)]);
    }
    expect(sim.stats.byRoute['ws:core_user_get_users']).toBe(2);
    expect(sim.stats.byRoute['ws:core_user_get_users_by_field']).toBeUndefined();
  });

  it('escapes the LIKE wildcards and confirms the match: lee_park finds Lee, not Leo', async () => {
    const [lee, leo] = WILDCARD_PEOPLE.map((p) => data.users.find((u) => u.email === p.email)!);
    const adapter = fresh();
    expect((await adapter.findLearners({ email: 'lee_park@un.org' })).map((l) => l.localId)).toEqual([String(lee!.id)]);
    expect((await adapter.findLearners({ email: 'LEE.PARK@un.org' })).map((l) => l.localId)).toEqual([String(leo!.id)]);
    expect(await adapter.findLearners({ email: '%@un.org' })).toEqual([]);
  });

  it('finds people by index number first, and cannot find a person whose e-mail Moodle hides', async () => {
    const adapter = fresh();
    const [byIndex] = await adapter.findLearners({ indexNumber: SHARED_PEOPLE[1]!.idnumber });
    expect(byIndex).toMatchObject({ displayName: 'Kenji Sato', email: 'kenji.sato@un.org', indexNumber: 'UN-100002' });
    const hidden = data.users.find((u) => u.emailHidden)!;
    expect(await adapter.findLearners({ email: hidden.email })).toEqual([]);
  });
});

describe("3. a course's enrolments", () => {
  it('lists every participant of a course, across roster pages, whatever the state of their enrolment', async () => {
    const adapter = fresh({ rosterPageSize: 3 });
    const course = HIDDEN_COURSE_ID;
    const listed = await adapter.listEnrollments({ courseLocalId: String(course) });
    const expected = data.enrolments.filter((e) => e.courseId === course);
    expect(expected.length).toBeGreaterThan(3);
    expect(listed.map(key).sort()).toEqual(expected.map((e) => `${e.userId}-${e.courseId}`).sort());
    const pages = Math.floor(expected.length / 3) + 1;
    const inactivePages = Math.floor(expected.filter((e) => !isActive(e)).length / 3) + 1;
    expect(sim.stats.byRoute['ws:core_enrol_get_enrolled_users']).toBe(pages + inactivePages);
    expect(await adapter.listEnrollments({ courseLocalId: '99999' })).toEqual([]);
  });
});

describe('4. a truthful status when progress is null', () => {
  it('says whether completion is off, the person untracked, or no activity tracks completion', async () => {
    const adapter = fresh();
    const listed = await adapter.listEnrollments({ courseLocalId: String(NO_ACTIVITY_COURSE_ID) });
    const open = listed.filter(
      (e) => e.status !== EnrollmentStatus.COMPLETED && e.status !== EnrollmentStatus.WITHDRAWN,
    );
    expect(open.length).toBeGreaterThan(0);
    for (const e of open) expect(e.progress).toBeNull();
    expect(open.map((e) => e.sourceStatus.split('; ')[1])).toContain('completion tracked, no activity progress');
    const off = data.courses.find((c) => !c.enablecompletion && c.visible === 1)!;
    const offList = await adapter.listEnrollments({ courseLocalId: String(off.id) });
    expect(offList.filter((e) => e.status !== EnrollmentStatus.WITHDRAWN).map((e) => e.sourceStatus)).toEqual(
      expect.arrayContaining([expect.stringMatching(/completion not enabled in this course$/)]),
    );
  });
});

// Whole-site reads: generous time on a shared machine.
describe('5. SDGs three ways, and the language', { timeout: 30_000 }, () => {
  it('reads SDGs from a custom field, course tags or the ID number, as the agency configures', async () => {
    const wanted = new Map(data.courses.map((c) => [String(c.id), c.sdgs]));
    for (const sdgSource of [{ from: 'customField' }, { from: 'tags' }, { from: 'idnumber' }]) {
      const courses = await fresh({ sdgSource }).listCourses({});
      for (const course of courses)
        expect(course.sdgs, `${sdgSource.from} ${course.localId}`).toEqual(wanted.get(course.localId));
    }
    const empty = (await fresh().getCourses([String(EMPTY_SDG_FIELD_COURSE_ID)]))[0];
    expect(empty?.sdgs).toEqual([]);
  });

  it('costs no call for custom fields or ID numbers, and 2 + 2 per goal tag for tags (then cached)', async () => {
    await fresh().listCourses({});
    expect(sim.stats.calls).toBe(2);
    sim.reset();
    const tagged = fresh({ sdgSource: { from: 'tags' } });
    await tagged.listCourses({});
    const goalTags = new Set(data.courses.flatMap((c) => c.tags.map((t) => t.toLowerCase()))).size;
    expect(sim.stats.byRoute).toMatchObject({
      'ws:core_tag_get_tag_areas': 1,
      'ws:core_tag_get_tag_cloud': 1,
      'ws:core_tag_get_tagindex': goalTags,
      'ws:core_course_search_courses': goalTags,
    });
    sim.reset();
    await tagged.listCourses({ sdgs: [4] });
    expect(sim.stats.calls).toBe(0);
  });

  it('answers no SDGs on a site without course custom fields', async () => {
    const bare = await startMoodleSimulator({ seed: SEED, customFields: false });
    try {
      const courses = await fresh({}, bare.url).listCourses({});
      expect(courses.every((c) => c.sdgs.length === 0)).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it("gives a course without a language of its own (or with a pack the site lacks) the site's language", async () => {
    const courses = await fresh().listCourses({});
    const byId = new Map(courses.map((c) => [c.localId, c]));
    expect(byId.get(String(UNINSTALLED_LANG_COURSE_ID))?.language).toBe(SITE_LANG);
    const none = data.courses.find((c) => c.lang === '')!;
    expect(byId.get(String(none.id))?.language).toBe(SITE_LANG);
    const french = data.courses.find((c) => c.lang === 'fr')!;
    expect(byId.get(String(french.id))?.language).toBe('fr');
    expect(courses.every((c) => c.language !== null)).toBe(true);
  });
});

// Whole-site reads: generous time on a shared machine.
describe('6. completion dates', { timeout: 30_000 }, () => {
  it('dates every completion Moodle can date, at one completion-status call per completed enrolment', async () => {
    const transcript = await fresh().listEnrollments({ learnerLocalIds: [String(amina.id)] });
    const completed = transcript.filter((e) => e.status === EnrollmentStatus.COMPLETED);
    expect(completed.length).toBeGreaterThan(0);
    for (const e of completed) {
      const row = data.enrolments.find((x) => `${x.userId}-${x.courseId}` === key(e))!;
      expect(e.completedAt?.getTime() ?? null).toBe(row.criteriaMet ? row.timecompleted * 1000 : null);
    }
    const hiddenActive = data.enrolments.filter(
      (e) => e.userId === amina.id && e.courseId === HIDDEN_COURSE_ID && isActive(e),
    ).length;
    expect(sim.stats.byRoute['ws:core_completion_get_course_completion_status']).toBe(completed.length + hiddenActive);
    for (const e of transcript) expect(e.enrolledAt).toBeNull();
  });

  it('refuses statistics for a date window: no stock function says when an enrolment started', async () => {
    expect((await errorOf(fresh().getStats({ from: new Date('2024-01-01') })))?.code).toBe('LMS_UNSUPPORTED');
  });
});

// Whole-site reads: generous time on a shared machine.
describe('7. learningStats per course', { timeout: 30_000 }, () => {
  it('counts the same from the custom reports, in 1 + 2 × courses + report pages calls', async () => {
    const reports = { completions: COMPLETIONS_REPORT_ID, badges: BADGES_REPORT_ID };
    const stats = await fresh({ reports }).getStats({});
    expect(stats).toEqual(truth());
    expect(sim.stats.byRoute).toEqual({
      'ws:core_course_get_courses': 1,
      'ws:core_enrol_get_enrolled_users': 2 * data.courses.length,
      'ws:core_reportbuilder_retrieve_report': 2,
    });
  });

  it('walks each participant only without the reports, and counts the same', async () => {
    const stats = await fresh().getStats({});
    expect(stats).toEqual(truth());
    expect(sim.stats.byRoute['ws:core_enrol_get_users_courses']).toBeGreaterThan(100);
    expect(sim.stats.byRoute['ws:core_badges_get_user_badges']).toBe(truth().learnerCount);
  });

  it('limits the courses to an SDG filter', async () => {
    const stats = await fresh().getStats({ sdgs: [4] });
    const inScope = data.courses.filter((c) => c.sdgs.includes(4)).map((c) => c.id);
    expect(stats.courseCount).toBe(inScope.length);
    expect(stats.enrollmentCount).toBe(data.enrolments.filter((e) => inScope.includes(e.courseId)).length);
  });
});

describe('Moodle adapter: catalogue, credentials, errors', () => {
  it('answers course batch reads from a cached catalogue without calls, hidden courses included', async () => {
    const adapter = fresh();
    await adapter.listCourses({});
    const before = sim.stats.calls;
    const courses = await adapter.getCourses(['2', '99999', '1', 'abc', String(HIDDEN_COURSE_ID)]);
    expect(sim.stats.calls).toBe(before);
    expect(courses.map((c) => c?.localId ?? null)).toEqual(['2', null, null, null, String(HIDDEN_COURSE_ID)]);
    expect(courses[4]?.visibility).toBe(CourseVisibility.HIDDEN);
  });

  it("reads a learner's public badges back by their ids", async () => {
    const adapter = fresh();
    const credentials = await adapter.listCredentials([String(amina.id), '999999']);
    expect(credentials.length).toBe(data.issued.filter((i) => i.userId === amina.id && i.visible === 1).length);
    const byId = await adapter.getCredentials([`${amina.id}-nope`, credentials[0]!.localId]);
    expect(byId.map((c) => c?.localId ?? null)).toEqual([null, credentials[0]!.localId]);
  });

  it('names agency and LMS kind on errors, and fails a health check when the service lacks functions', async () => {
    const error = await errorOf(fresh({ token: 'ffffffffffffffffffffffffffffffff' }).listCourses({}));
    expect(error).toMatchObject({ code: 'LMS_UNAUTHENTICATED', agency: 'unssc', lmsKind: 'moodle' });
    const partial = await startMoodleSimulator({ seed: SEED, functions: MOODLE_REQUIRED_FUNCTIONS.slice(0, 3) });
    try {
      const failed = await errorOf(fresh({}, partial.url).healthCheck());
      expect(failed?.code).toBe('LMS_FORBIDDEN');
      expect(failed?.message).toContain('core_user_get_users, core_enrol_get_users_courses');
      const tags = await errorOf(fresh({ sdgSource: { from: 'tags' } }).healthCheck());
      expect(tags).toBeUndefined();
    } finally {
      await partial.close();
    }
  });

  it('rejects invalid configuration with every problem listed', () => {
    const result = moodleConfigSchema.safeParse({
      kind: 'moodle',
      baseUrl: 'ftp://x',
      token: '',
      sdgSource: { from: 'tags', pattern: 'SDG\\d+' },
      reports: { completions: 0 },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual([
      'baseUrl',
      'token',
      'sdgSource.pattern',
      'reports.completions',
      'reports.badges',
    ]);
  });
});
