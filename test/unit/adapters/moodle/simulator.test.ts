import qs from 'qs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  BADGES_REPORT_ID,
  COMPLETIONS_REPORT_ID,
  EMPTY_SDG_FIELD_COURSE_ID,
  generateDataset,
  HIDDEN_COURSE_ID,
  isActive,
  MOODLE_SANDBOX_LOGIN,
  MOODLE_SANDBOX_TOKEN,
  NO_ACTIVITY_COURSE_ID,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SHARED_PEOPLE,
  startMoodleSimulator,
  UNINSTALLED_LANG_COURSE_ID,
  WILDCARD_PEOPLE,
} from '../../../../adapters/moodle/index.js';
import { fixture } from './fixtures.js';

let sim: SimulatorHandle;
let mysql: SimulatorHandle;
let bare: SimulatorHandle;
const SEED = 7;
const data = generateDataset(SEED, 'Sandbox');
const amina = data.users.find((u) => u.email === SHARED_PEOPLE[0]!.email)!;
type Row = Record<string, unknown>;

async function call(target: SimulatorHandle, params: Record<string, unknown>, method: 'GET' | 'POST' = 'POST') {
  const form = qs.stringify({ wstoken: MOODLE_SANDBOX_TOKEN, moodlewsrestformat: 'json', ...params });
  const url = `${target.url}/webservice/rest/server.php`;
  return method === 'GET'
    ? fetch(`${url}?${form}`)
    : fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
}
async function ws<T = unknown>(params: Record<string, unknown>, target = sim): Promise<T> {
  const response = await call(target, params);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}
const options = (pairs: Record<string, string | number>) =>
  Object.entries(pairs).map(([name, value]) => ({ name, value }));

beforeAll(async () => {
  [sim, mysql, bare] = await Promise.all([
    startMoodleSimulator({ seed: SEED, siteName: 'Sandbox' }),
    startMoodleSimulator({ seed: SEED, siteName: 'Sandbox', emailMatching: 'mysql' }),
    startMoodleSimulator({ seed: SEED, siteName: 'Sandbox', customFields: false }),
  ]);
});
beforeEach(() => sim.reset());
afterAll(() => Promise.all([sim.close(), mysql.close(), bare.close()]));

describe('Moodle simulator: protocol (lms-apis.md §1.1, §1.2, §1.5)', () => {
  it('answers a wrong token with HTTP 200 and invalidtoken', async () => {
    expect(await ws({ wstoken: 'nope', wsfunction: 'core_webservice_get_site_info' })).toMatchObject({
      exception: 'moodle_exception',
      errorcode: 'invalidtoken',
    });
  });

  it('answers a function outside the service with accessexception and an unknown one with invalidrecord', async () => {
    expect(await ws({ wsfunction: 'core_user_create_users' })).toMatchObject({ errorcode: 'accessexception' });
    expect(await ws({ wsfunction: 'local_nothing_here' })).toMatchObject({ errorcode: 'invalidrecord' });
  });

  it('sends Content-Type application/json without a charset, as webservice/rest/locallib.php does', async () => {
    const response = await call(sim, { wsfunction: 'core_webservice_get_site_info' });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('pragma')).toBe('no-cache');
  });

  it('answers in XML unless moodlewsrestformat=json, and reads GET params too', async () => {
    const xml = await fetch(`${sim.url}/webservice/rest/server.php?wstoken=x&wsfunction=core_webservice_get_site_info`);
    expect(xml.headers.get('content-type')).toContain('xml');
    expect(sim.stats.violations).toHaveLength(1);
    const info = await (await call(sim, { wsfunction: 'core_webservice_get_site_info' }, 'GET')).json();
    expect(info).toMatchObject({ sitename: 'Sandbox', lang: 'en' });
  });

  it('exchanges the sandbox login for the token at /login/token.php, with AJAX-shaped failures', async () => {
    const login = (form: Record<string, string>) =>
      fetch(`${sim.url}/login/token.php`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: qs.stringify(form),
      }).then((r) => r.json());
    expect(await login(MOODLE_SANDBOX_LOGIN)).toEqual({ token: MOODLE_SANDBOX_TOKEN, privatetoken: null });
    expect(await login({ ...MOODLE_SANDBOX_LOGIN, password: 'wrong' })).toMatchObject({ errorcode: 'invalidlogin' });
  });

  it('counts calls per web-service function and resets', async () => {
    await ws({ wsfunction: 'core_webservice_get_site_info' });
    await ws({ wsfunction: 'core_course_get_courses', options: { ids: [2] } });
    expect(sim.stats.byRoute).toEqual({ 'ws:core_webservice_get_site_info': 1, 'ws:core_course_get_courses': 1 });
    sim.reset();
    expect(sim.stats.calls).toBe(0);
  });
});

describe('Moodle simulator: the catalogue (course/externallib.php)', () => {
  it('includes the site course in get_courses and silently leaves out unknown ids', async () => {
    const all = await ws<Row[]>({ wsfunction: 'core_course_get_courses' });
    expect(all[0]).toMatchObject({ id: 1, format: 'site' });
    expect(all).toHaveLength(data.courses.length + 1);
    const some = await ws<Row[]>({ wsfunction: 'core_course_get_courses', options: { ids: [3, 99999, 2] } });
    expect(some.map((c) => c.id)).toEqual([2, 3]);
  });

  it('answers hiddensections, an empty custom field as valueraw "" / value null, and lang "" for a missing pack', async () => {
    const all = await ws<Row[]>({ wsfunction: 'core_course_get_courses' });
    const weekly = all.find((c) => c.format === 'weeks' || c.format === 'topics');
    expect(weekly).toHaveProperty('hiddensections');
    expect(all.find((c) => c.format === 'social')).not.toHaveProperty('hiddensections');
    const empty = all.find((c) => c.id === EMPTY_SDG_FIELD_COURSE_ID) as { customfields: Row[] };
    expect(empty.customfields.find((f) => f.shortname === 'sdgs')).toMatchObject({ valueraw: '', value: null });
    expect(all.find((c) => c.id === UNINSTALLED_LANG_COURSE_ID)?.lang).toBe('');
  });

  it('leaves customfields out entirely on a site that has none', async () => {
    const all = await ws<Row[]>({ wsfunction: 'core_course_get_courses' }, bare);
    expect(all.every((c) => !('customfields' in c))).toBe(true);
  });

  it('fails get_courses_by_field ids with an unknown id without an errorcode; field=id answers a courseimage', async () => {
    expect(await ws({ wsfunction: 'core_course_get_courses_by_field', field: 'ids', value: '2,99999' })).toEqual({
      exception: 'Error',
      message: 'Attempt to assign property "contextvalidated" on null',
    });
    const { courses } = await ws<{ courses: Row[] }>({
      wsfunction: 'core_course_get_courses_by_field',
      field: 'id',
      value: '2',
    });
    expect(courses[0]?.courseimage).toMatch(
      /^(http:\/\/127\.0\.0\.1:\d+\/pluginfile\.php\/|data:image\/svg\+xml;base64,)/,
    );
  });

  it('pages search_courses with a full total and slim public items', async () => {
    const page = await ws<{ total: number; courses: Row[] }>({
      wsfunction: 'core_course_search_courses',
      criterianame: 'search',
      criteriavalue: 'learn',
      page: 1,
      perpage: 5,
    });
    expect(page.total).toBe(data.courses.length);
    expect(page.courses).toHaveLength(5);
    for (const key of ['idnumber', 'visible', 'lang', 'format', 'startdate', 'timemodified']) {
      expect(page.courses[0]).not.toHaveProperty(key);
    }
    expect(page.courses[0]).toHaveProperty('courseimage');
  });
});

describe("Moodle simulator: a learner's courses leave out hidden courses and inactive enrolments", () => {
  it('lists only active enrolments in visible courses (enrol_get_users_courses, lib/enrollib.php)', async () => {
    const mine = data.enrolments.filter((e) => e.userId === amina.id);
    const expected = mine
      .filter((e) => isActive(e) && data.courses.find((c) => c.id === e.courseId)?.visible === 1)
      .map((e) => e.courseId)
      .sort((a, b) => a - b);
    const listed = await ws<Row[]>({ wsfunction: 'core_enrol_get_users_courses', userid: amina.id });
    expect(listed.map((c) => c.id)).toEqual(expected);
    expect(listed.map((c) => c.id)).not.toContain(HIDDEN_COURSE_ID);
    expect(mine.some((e) => e.courseId === HIDDEN_COURSE_ID)).toBe(true);
    expect(mine.some((e) => !isActive(e))).toBe(true);
    expect(listed[0]).toHaveProperty('courseimage');
  });

  it('sends progress null with completion tracked when no activity tracks completion', async () => {
    const someone = data.enrolments.find((e) => e.courseId === NO_ACTIVITY_COURSE_ID && isActive(e) && !e.completed);
    const listed = await ws<Row[]>({ wsfunction: 'core_enrol_get_users_courses', userid: someone?.userId });
    expect(listed.find((c) => c.id === NO_ACTIVITY_COURSE_ID)).toMatchObject({
      enablecompletion: true,
      completionusertracked: true,
      progress: null,
      completed: false,
    });
  });

  it('sends completed null and progress null when the course has completion off', async () => {
    const off = data.courses.find((c) => !c.enablecompletion && c.visible === 1)!;
    const e = data.enrolments.find((x) => x.courseId === off.id && isActive(x))!;
    const listed = await ws<Row[]>({ wsfunction: 'core_enrol_get_users_courses', userid: e.userId });
    expect(listed.find((c) => c.id === off.id)).toMatchObject({
      completed: null,
      progress: null,
      completionusertracked: false,
    });
  });

  it('answers an unknown user with [] and a non-numeric userid with invalidparameter', async () => {
    expect(await ws({ wsfunction: 'core_enrol_get_users_courses', userid: 999999 })).toEqual([]);
    expect(await ws({ wsfunction: 'core_enrol_get_users_courses', userid: 'abc' })).toMatchObject({
      errorcode: 'invalidparameter',
    });
  });
});

describe('Moodle simulator: course rosters (core_enrol_get_enrolled_users)', () => {
  const roster = (courseid: number, pairs: Record<string, string | number>) =>
    ws<Row[]>({ wsfunction: 'core_enrol_get_enrolled_users', courseid, options: options(pairs) });

  it('lists every participant, ordered by id, partitioned by onlyactive / onlysuspended', async () => {
    const course = data.enrolments.find((e) => !isActive(e))!.courseId;
    const everyone = (await roster(course, {})).map((u) => u.id as number);
    const active = (await roster(course, { onlyactive: 1 })).map((u) => u.id as number);
    const inactive = (await roster(course, { onlysuspended: 1 })).map((u) => u.id as number);
    expect(everyone).toEqual([...everyone].sort((a, b) => a - b));
    expect([...active, ...inactive].sort((a, b) => a - b)).toEqual(everyone);
    expect(inactive.length).toBeGreaterThan(0);
    expect(await roster(course, { onlyactive: 1, onlysuspended: 1 })).toMatchObject({ errorcode: 'codingerror' });
  });

  it('pages with limitfrom / limitnumber and keeps only the requested userfields (plus id, fullname)', async () => {
    const everyone = (await roster(HIDDEN_COURSE_ID, {})).map((u) => u.id);
    const starts = Array.from({ length: Math.ceil(everyone.length / 3) + 1 }, (_, i) => i * 3);
    const pages = await Promise.all(
      starts.map((from) => roster(HIDDEN_COURSE_ID, { limitfrom: from, limitnumber: 3 })),
    );
    expect(pages.at(-1)).toEqual([]);
    expect(pages.flat().map((u) => u.id)).toEqual(everyone);
    const [slim] = await roster(HIDDEN_COURSE_ID, { userfields: 'id,lastcourseaccess', limitnumber: 1 });
    expect(Object.keys(slim ?? {}).sort()).toEqual(['fullname', 'id', 'lastcourseaccess']);
    expect(await roster(HIDDEN_COURSE_ID, { userfields: 'id,shoesize' })).toMatchObject({
      errorcode: 'invaliduserfield',
    });
  });

  it('carries roles and enrolledcourses (active, visible courses only) by default', async () => {
    const [first] = await roster(HIDDEN_COURSE_ID, { limitnumber: 1 });
    expect(first?.roles).toEqual([expect.objectContaining({ shortname: expect.any(String) })]);
    const listed = (first?.enrolledcourses as Row[] | undefined)?.map((c) => c.id) ?? [];
    expect(listed).not.toContain(HIDDEN_COURSE_ID);
  });
});

describe('Moodle simulator: finding people by e-mail (user/externallib.php)', () => {
  const byField = (values: string[], target = sim) =>
    ws<Row[]>({ wsfunction: 'core_user_get_users_by_field', field: 'email', values }, target);
  const search = (value: string) =>
    ws<{ users: Row[]; warnings: Row[] }>({ wsfunction: 'core_user_get_users', criteria: [{ key: 'email', value }] });
  const capitals = data.users.find((u) => !u.emailHidden && u.email !== u.email.toLowerCase())!;

  it('matches get_users_by_field exactly on PostgreSQL and ignoring case on MySQL', async () => {
    expect(await byField([capitals.email.toLowerCase()])).toEqual([]);
    expect((await byField([capitals.email])).map((u) => u.id)).toEqual([capitals.id]);
    expect((await byField([capitals.email.toLowerCase()], mysql)).map((u) => u.id)).toEqual([capitals.id]);
  });

  it('matches get_users criteria[email] with a case-insensitive LIKE: _ and % are wildcards unless escaped', async () => {
    expect((await search(capitals.email.toLowerCase())).users.map((u) => u.id)).toEqual([capitals.id]);
    const [underscore, lookalike] = WILDCARD_PEOPLE.map((p) => data.users.find((u) => u.email === p.email)!);
    const loose = (await search('lee_park@un.org')).users.map((u) => u.id);
    expect(loose.sort()).toEqual([underscore!.id, lookalike!.id].sort());
    expect((await search('lee\\_park@un.org')).users.map((u) => u.id)).toEqual([underscore!.id]);
    expect((await search('%@un.org')).users.length).toBeGreaterThan(3);
  });

  it('never returns a user whose e-mail the service user may not see, and warns about unknown keys', async () => {
    const hidden = data.users.find((u) => u.emailHidden)!;
    expect(await byField([hidden.email])).toEqual([]);
    expect((await search(hidden.email)).users).toEqual([]);
    const [byId] = await ws<Row[]>({ wsfunction: 'core_user_get_users_by_field', field: 'id', values: [hidden.id] });
    expect(byId).not.toHaveProperty('email');
    const unknown = await ws<{ warnings: Row[] }>({
      wsfunction: 'core_user_get_users',
      criteria: [{ key: 'mail', value: 'x' }],
    });
    expect(unknown.warnings[0]).toMatchObject({ item: 'mail', warningcode: 'invalidfieldparameter' });
  });
});

describe('Moodle simulator: completion, badges, tags, reports', () => {
  it('answers completion refusals in Moodle order, and criterion details', async () => {
    const status = (courseid: number, userid: number) =>
      ws<Row>({ wsfunction: 'core_completion_get_course_completion_status', courseid, userid });
    expect(await status(999, amina.id)).toMatchObject({ errorcode: 'invalidrecord' });
    expect(await status(2, 999999)).toMatchObject({ errorcode: 'invaliduser' });
    expect(await status(NO_CRITERIA_COURSE_ID, amina.id)).toMatchObject({ errorcode: 'nocriteriaset' });
    const off = data.courses.find((c) => !c.enablecompletion)!;
    expect(await status(off.id, amina.id)).toMatchObject({ errorcode: 'cannotviewreport' });
    const gone = data.enrolments.find((e) => e.userId === amina.id && !isActive(e))!;
    expect(await status(gone.courseId, amina.id)).toMatchObject({ errorcode: 'usernotenroled' });
    const done = data.enrolments.find((e) => e.completed && e.criteriaMet && isActive(e))!;
    const answer = (await status(done.courseId, done.userId)) as {
      completionstatus: { completed: boolean; completions: Row[] };
    };
    expect(answer.completionstatus.completed).toBe(true);
    expect(answer.completionstatus.completions.at(-1)).toMatchObject({ timecompleted: done.timecompleted });
    expect(answer.completionstatus.completions[0]?.details).toHaveProperty('requirement');
  });

  it('answers only another user\'s public badges, with issuercontact "" and the site root with its / as issuerurl', async () => {
    const holder = data.issued.find((i) => i.visible === 0)!.userId;
    const { badges } = await ws<{ badges: Row[] }>({ wsfunction: 'core_badges_get_user_badges', userid: holder });
    const publicOnes = data.issued.filter((i) => i.userId === holder && i.visible === 1);
    expect(badges.map((b) => b.uniquehash).sort()).toEqual(publicOnes.map((i) => i.uniquehash).sort());
    expect(badges[0]).toMatchObject({ issuercontact: '', issuerurl: `${sim.url}/`, version: '1.0' });
    for (const key of ['alignment', 'relatedbadges', 'message']) expect(badges[0]).toHaveProperty(key);
    expect(await ws({ wsfunction: 'core_badges_get_user_badges', userid: 999999 })).toMatchObject({
      errorcode: 'invaliduser',
    });
  });

  it('finds courses by tag: areas, the cloud (no ids), the tag index (the id), then search by tagid', async () => {
    const { areas } = await ws<{ areas: Row[] }>({ wsfunction: 'core_tag_get_tag_areas' });
    const area = areas.find((a) => a.itemtype === 'course')!;
    const cloud = await ws<{ tags: Row[] }>({ wsfunction: 'core_tag_get_tag_cloud', tagcollid: 1, limit: 0 });
    expect(cloud.tags[0]).not.toHaveProperty('id');
    const name = String(cloud.tags[0]?.name);
    const index = await ws<Row>({ wsfunction: 'core_tag_get_tagindex', tagindex: { tag: name, tc: 1, ta: area.id } });
    const found = await ws<{ courses: Row[] }>({
      wsfunction: 'core_course_search_courses',
      criterianame: 'tagid',
      criteriavalue: index.tagid,
    });
    expect(found.courses.map((c) => c.id).sort()).toEqual(
      data.courses
        .filter((c) => c.tags.includes(name))
        .map((c) => c.id)
        .sort(),
    );
    const unknown = { tag: 'no such tag', tc: 1, ta: area.id };
    expect(await ws({ wsfunction: 'core_tag_get_tagindex', tagindex: unknown })).toMatchObject({
      errorcode: 'invalidrecord',
    });
  });

  it('serves the two custom reports: completed active enrolments, and public badges per course', async () => {
    const report = (reportid: number, page: number, perpage: number) =>
      ws<{ details: Row; data: { rows: { columns: string[] }[]; totalrowcount: number } }>({
        wsfunction: 'core_reportbuilder_retrieve_report',
        reportid,
        page,
        perpage,
      });
    const first = await report(COMPLETIONS_REPORT_ID, 0, 10);
    expect(first.details.source).toBe('core_course\\reportbuilder\\datasource\\participants');
    expect(first.data.totalrowcount).toBe(data.enrolments.filter((e) => e.completed && isActive(e)).length);
    expect(first.data.rows).toHaveLength(10);
    const badges = await report(BADGES_REPORT_ID, 0, 0);
    const counted = badges.data.rows.reduce((sum, row) => sum + Number(row.columns[1]), 0);
    expect(counted).toBe(data.issued.filter((i) => i.visible === 1).length);
    expect(await ws({ wsfunction: 'core_reportbuilder_retrieve_report', reportid: 999 })).toMatchObject({
      errorcode: 'invalidrecord',
    });
  });
});

describe('Moodle simulator: answers in the shape of the fixtures (Moodle 4.4)', () => {
  /** The keys of the first record of an answer, whatever its wrapper. */
  const shapeOf = (body: unknown): string[] => {
    const record = (value: unknown): unknown => {
      if (Array.isArray(value)) return record(value[0]);
      if (value && typeof value === 'object') {
        const inner = ['courses', 'users', 'badges', 'tags', 'areas'].find((k) => k in value);
        return inner ? record((value as Row)[inner]) : value;
      }
      return value;
    };
    return Object.keys((record(body) ?? {}) as Row).sort();
  };
  const visibleCourse = data.courses.find((c) => c.visible === 1 && c.format === 'topics')!;

  it.each([
    ['core_course_get_courses.all', { wsfunction: 'core_course_get_courses', options: { ids: [visibleCourse.id] } }],
    ['core_course_get_courses_by_field.id', { wsfunction: 'core_course_get_courses_by_field', field: 'id', value: 2 }],
    [
      'core_course_search_courses.slim',
      { wsfunction: 'core_course_search_courses', criterianame: 'search', criteriavalue: 'a' },
    ],
    [
      'core_enrol_get_users_courses.user',
      { wsfunction: 'core_enrol_get_users_courses', userid: amina.id, returnusercount: 0 },
    ],
    [
      'core_enrol_get_enrolled_users.userfields',
      {
        wsfunction: 'core_enrol_get_enrolled_users',
        courseid: 9,
        options: options({ userfields: 'id,lastcourseaccess' }),
      },
    ],
    [
      'core_user_get_users.email',
      { wsfunction: 'core_user_get_users', criteria: [{ key: 'email', value: amina.email }] },
    ],
    ['core_badges_get_user_badges.user', { wsfunction: 'core_badges_get_user_badges', userid: amina.id }],
    ['core_tag_get_tag_areas.stock', { wsfunction: 'core_tag_get_tag_areas' }],
    ['core_tag_get_tag_cloud.sdg', { wsfunction: 'core_tag_get_tag_cloud', tagcollid: 1 }],
    [
      'core_reportbuilder_retrieve_report.badges',
      { wsfunction: 'core_reportbuilder_retrieve_report', reportid: BADGES_REPORT_ID },
    ],
  ])('%s', async (name, params) => {
    const answer = await ws(params);
    // The first course of the recorded catalogue is the site course; compare with a topics course.
    const recorded = name === 'core_course_get_courses.all' ? fixture<Row[]>(name)[1] : fixture(name);
    if (name === 'core_user_get_users.email') {
      // The fixture's person has a department, city and custom profile fields; the shape is otherwise the same.
      expect(shapeOf(answer).every((k) => shapeOf(recorded).includes(k))).toBe(true);
    } else if (name === 'core_badges_get_user_badges.user') {
      expect(shapeOf(answer)).toEqual(shapeOf(recorded).filter((k) => k !== 'courseid' || shapeOf(answer).includes(k)));
    } else {
      expect(shapeOf(answer)).toEqual(shapeOf(recorded));
    }
  });
});

describe('Moodle simulator: seeded dataset', () => {
  it('is deterministic per seed, differs across seeds, and builds 10,000 users quickly', () => {
    expect(generateDataset(SEED, 'Sandbox')).toEqual(data);
    expect(generateDataset(SEED + 1, 'Sandbox').courses.map((c) => c.fullname)).not.toEqual(
      data.courses.map((c) => c.fullname),
    );
    const big = generateDataset(SEED, 'Big', { courses: 200, users: 10_000 });
    expect(big.users.length).toBeGreaterThanOrEqual(10_000);
    expect(big.enrolments.length).toBeGreaterThan(20_000);
  });

  it('holds the documented cases: multilang titles, hidden courses, SDGs three ways, badges with expiry', () => {
    expect(data.courses).toHaveLength(120);
    expect(data.courses.some((c) => c.fullname.includes('class="multilang"'))).toBe(true);
    expect(data.courses.some((c) => c.fullname.includes('{mlang'))).toBe(true);
    expect(data.courses.find((c) => c.id === HIDDEN_COURSE_ID)?.visible).toBe(0);
    const course = data.courses.find((c) => c.sdgs.length > 1)!;
    expect(course.sdgField).toBe(course.sdgs.join(','));
    expect(course.tags).toHaveLength(course.sdgs.length);
    expect(course.idnumber).toMatch(/SDG\d\d/);
    expect(data.issued.some((i) => i.dateexpire !== null)).toBe(true);
  });

  it('gives each shared person a completion, a badge, a hidden-course enrolment and an inactive one', () => {
    for (const person of SHARED_PEOPLE) {
      const user = data.users.find((u) => u.email === person.email && u.idnumber === person.idnumber)!;
      const mine = data.enrolments.filter((e) => e.userId === user.id);
      expect(mine.some((e) => e.completed)).toBe(true);
      expect(mine.some((e) => e.courseId === HIDDEN_COURSE_ID)).toBe(true);
      expect(mine.some((e) => !isActive(e))).toBe(true);
      expect(data.issued.some((i) => i.userId === user.id && i.visible === 1)).toBe(true);
    }
    const power = data.users.find((u) => u.email === POWER_LEARNER.email);
    expect(data.enrolments.filter((e) => e.userId === power?.id).length).toBeGreaterThanOrEqual(105);
  });
});
