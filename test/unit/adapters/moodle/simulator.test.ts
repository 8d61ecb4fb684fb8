import qs from 'qs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SimulatorHandle } from '../../../../adapters/core/simulator.js';
import {
  generateDataset,
  HIDDEN_COURSE_ID,
  MOODLE_SANDBOX_LOGIN,
  MOODLE_SANDBOX_TOKEN,
  NO_CRITERIA_COURSE_ID,
  POWER_LEARNER,
  SHARED_PEOPLE,
  startMoodleSimulator,
} from '../../../../adapters/moodle/index.js';

let sim: SimulatorHandle;
const SEED = 7;
const data = generateDataset(SEED, 'Sandbox');

async function ws(params: Record<string, unknown>, method: 'GET' | 'POST' = 'POST'): Promise<unknown> {
  const form = qs.stringify({ wstoken: MOODLE_SANDBOX_TOKEN, moodlewsrestformat: 'json', ...params });
  const url = `${sim.url}/webservice/rest/server.php`;
  const response =
    method === 'GET'
      ? await fetch(`${url}?${form}`)
      : await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        });
  expect(response.status).toBe(200);
  return response.json();
}

beforeAll(async () => {
  sim = await startMoodleSimulator({ seed: SEED, siteName: 'Sandbox' });
});
beforeEach(() => sim.reset());
afterAll(() => sim.close());

describe('Moodle simulator: token, function and service checks (lms-apis.md §1.2, §1.5)', () => {
  it('answers a wrong token with HTTP 200 and invalidtoken', async () => {
    expect(await ws({ wstoken: 'nope', wsfunction: 'core_webservice_get_site_info' })).toMatchObject({
      exception: 'moodle_exception',
      errorcode: 'invalidtoken',
    });
  });

  it('answers a function outside the service with accessexception and an unknown one with invalidrecord', async () => {
    expect(await ws({ wsfunction: 'core_user_get_users' })).toMatchObject({ errorcode: 'accessexception' });
    expect(await ws({ wsfunction: 'local_nothing_here' })).toMatchObject({ errorcode: 'invalidrecord' });
  });

  it('answers in XML unless moodlewsrestformat=json, and reads GET params too', async () => {
    const xml = await fetch(`${sim.url}/webservice/rest/server.php?wstoken=x&wsfunction=core_webservice_get_site_info`);
    expect(xml.headers.get('content-type')).toContain('xml');
    expect(sim.stats.violations).toHaveLength(1);
    expect(await ws({ wsfunction: 'core_webservice_get_site_info' }, 'GET')).toMatchObject({ sitename: 'Sandbox' });
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
    expect(await login({ ...MOODLE_SANDBOX_LOGIN, service: 'x' })).toMatchObject({ errorcode: 'servicenotavailable' });
  });

  it('counts calls per web-service function and resets', async () => {
    await ws({ wsfunction: 'core_webservice_get_site_info' });
    await ws({ wsfunction: 'core_course_get_courses', options: { ids: [2] } });
    await ws({ wsfunction: 'core_course_get_courses' });
    expect(sim.stats.calls).toBe(3);
    expect(sim.stats.byRoute).toEqual({ 'ws:core_webservice_get_site_info': 1, 'ws:core_course_get_courses': 2 });
    sim.reset();
    expect(sim.stats.calls).toBe(0);
  });
});

describe('Moodle simulator: behaviour seen on a live site (§1.4a)', () => {
  it('includes the site course in get_courses and silently leaves out unknown ids', async () => {
    const all = (await ws({ wsfunction: 'core_course_get_courses' })) as { id: number; format: string }[];
    expect(all[0]).toMatchObject({ id: 1, format: 'site' });
    expect(all).toHaveLength(data.courses.length + 1);
    const some = (await ws({ wsfunction: 'core_course_get_courses', options: { ids: [3, 99999, 2] } })) as {
      id: number;
    }[];
    expect(some.map((c) => c.id)).toEqual([2, 3]);
  });

  it('fails get_courses_by_field ids with an unknown id without an errorcode; field=id unknown is empty', async () => {
    expect(await ws({ wsfunction: 'core_course_get_courses_by_field', field: 'ids', value: '2,99999' })).toEqual({
      exception: 'Error',
      message: 'Attempt to assign property "contextvalidated" on null',
    });
    expect(await ws({ wsfunction: 'core_course_get_courses_by_field', field: 'id', value: '99999' })).toEqual({
      courses: [],
      warnings: [],
    });
  });

  it('pages search_courses with a full total', async () => {
    const page = (await ws({
      wsfunction: 'core_course_search_courses',
      criterianame: 'search',
      criteriavalue: 'the',
      page: 1,
      perpage: 5,
    })) as { total: number; courses: unknown[] };
    expect(page.total).toBeGreaterThan(5);
    expect(page.courses.length).toBeLessThanOrEqual(5);
  });

  it('answers users and enrolments of unknown users with [] and a non-numeric userid with invalidparameter', async () => {
    expect(await ws({ wsfunction: 'core_user_get_users_by_field', field: 'email', values: ['no@x.org'] })).toEqual([]);
    expect(await ws({ wsfunction: 'core_enrol_get_users_courses', userid: 999999 })).toEqual([]);
    expect(await ws({ wsfunction: 'core_enrol_get_users_courses', userid: 'abc' })).toMatchObject({
      errorcode: 'invalidparameter',
    });
  });

  it('answers badges and completion of unknown users with invaliduser, and criteria-less courses with nocriteriaset', async () => {
    expect(await ws({ wsfunction: 'core_badges_get_user_badges', userid: 999999 })).toMatchObject({
      exception: 'dml_missing_record_exception',
      errorcode: 'invaliduser',
    });
    const userid = data.users[0]?.id;
    expect(
      await ws({ wsfunction: 'core_completion_get_course_completion_status', courseid: 999, userid: 999999 }),
    ).toMatchObject({ errorcode: 'invaliduser' });
    expect(
      await ws({ wsfunction: 'core_completion_get_course_completion_status', courseid: NO_CRITERIA_COURSE_ID, userid }),
    ).toMatchObject({ exception: 'moodle_exception', errorcode: 'nocriteriaset' });
  });

  it('omits the e-mail of the user whose e-mail is hidden', async () => {
    const hidden = data.users.find((u) => u.emailHidden);
    const [user] = (await ws({ wsfunction: 'core_user_get_users_by_field', field: 'id', values: [hidden?.id] })) as {
      email?: string;
    }[];
    expect(user).toBeDefined();
    expect(user).not.toHaveProperty('email');
  });
});

describe('Moodle simulator: seeded dataset', () => {
  it('is deterministic per seed, differs across seeds, and is fast', () => {
    const started = performance.now();
    const again = generateDataset(SEED, 'Sandbox');
    expect(performance.now() - started).toBeLessThan(50);
    expect(again).toEqual(data);
    expect(generateDataset(SEED + 1, 'Sandbox').courses.map((c) => c.fullname)).not.toEqual(
      data.courses.map((c) => c.fullname),
    );
  });

  it('holds the documented cases: multilang titles, hidden courses, SDGs, badges with expiry', () => {
    expect(data.courses).toHaveLength(120);
    expect(data.users.length).toBeGreaterThanOrEqual(150);
    expect(data.courses.some((c) => c.fullname.includes('class="multilang"'))).toBe(true);
    expect(data.courses.some((c) => c.fullname.includes('{mlang'))).toBe(true);
    expect(data.courses.find((c) => c.id === HIDDEN_COURSE_ID)?.visible).toBe(0);
    expect(data.courses.some((c) => c.sdgs !== '')).toBe(true);
    expect(data.issued.some((i) => i.dateexpire !== null)).toBe(true);
  });

  it('always holds the shared people, each with a completion and a badge, and the power learner', () => {
    for (const person of SHARED_PEOPLE) {
      const user = data.users.find((u) => u.email === person.email && u.idnumber === person.idnumber);
      expect(user).toBeDefined();
      const mine = data.enrolments.filter((e) => e.userId === user?.id);
      expect(mine.length).toBeGreaterThanOrEqual(3);
      expect(mine.some((e) => e.completed)).toBe(true);
      expect(data.issued.some((i) => i.userId === user?.id)).toBe(true);
    }
    const power = data.users.find((u) => u.email === POWER_LEARNER.email);
    expect(data.enrolments.filter((e) => e.userId === power?.id).length).toBeGreaterThanOrEqual(105);
  });
});
