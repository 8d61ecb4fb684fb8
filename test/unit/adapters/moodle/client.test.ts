import nock from 'nock';
import qs from 'qs';
import { afterAll, describe, expect, it } from 'vitest';
import { createMoodleClient, MOODLE_REST_PATH } from '../../../../adapters/moodle/client.js';
import { Secret } from '../../../../schema/config/secret.js';
import { lmsRejection, useNockHygiene } from '../../../support/nock.js';
import { fixtureText } from './fixtures.js';

const SITE = 'https://learn.example.org';
const TOKEN = '0123456789abcdef0123456789abcdef';
// What webservice/rest/locallib.php sends: no charset, although the body is UTF-8.
const JSON_TYPE = { 'content-type': 'application/json' };

interface Captured {
  readonly body: string;
  readonly headers: Record<string, unknown>;
  readonly path: string;
}

const client = (overrides: { retries?: number; timeoutMs?: number; onWarnings?: () => void } = {}) =>
  createMoodleClient({
    baseUrl: SITE,
    token: new Secret(TOKEN),
    agency: 'unssc',
    retries: overrides.retries ?? 0,
    backoffBaseMs: 1,
    timeoutMs: overrides.timeoutMs ?? 2_000,
    ...(overrides.onWarnings ? { onWarnings: overrides.onWarnings } : {}),
  });

/** Intention-named mock: "Moodle answers this function with this fixture", capturing the request. */
function mockFunctionReply(status: number, body: string, headers: Record<string, string> = JSON_TYPE) {
  const seen: Captured[] = [];
  nock(SITE)
    .post(MOODLE_REST_PATH)
    .reply(function reply(path, requestBody) {
      seen.push({ body: String(requestBody), headers: this.req.headers, path });
      return [status, body, headers];
    });
  return seen;
}

const rejection = lmsRejection;

useNockHygiene();
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('Moodle client: request encoding (lms-apis.md §1.1, §1.2)', () => {
  it('POSTs form-urlencoded bracket params with wstoken, wsfunction and json format, and no auth header', async () => {
    const seen = mockFunctionReply(200, fixtureText('core_course_get_courses.all'));
    const dtos = await client().getCourses([12, 15]);
    expect(dtos).toHaveLength(5);
    const [request] = seen;
    expect(request?.path).toBe(MOODLE_REST_PATH);
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.body).toContain('options%5Bids%5D%5B0%5D=12');
    expect(qs.parse(request?.body ?? '')).toEqual({
      wstoken: TOKEN,
      wsfunction: 'core_course_get_courses',
      moodlewsrestformat: 'json',
      options: { ids: ['12', '15'] },
    });
  });

  it('sends no ids for the whole catalogue, and makes no call for an empty id list', async () => {
    const seen = mockFunctionReply(200, fixtureText('core_course_get_courses.all'));
    await client().getCourses();
    expect(qs.parse(seen[0]?.body ?? '')).not.toHaveProperty('options');
    expect(await client().getCourses([])).toEqual([]);
  });

  it('encodes values[] for users_by_field and criteria[i][key|value] for get_users', async () => {
    const users = mockFunctionReply(200, fixtureText('core_user_get_users_by_field.id'));
    await client().getUsersByField('id', ['57', '58']);
    expect(qs.parse(users[0]?.body ?? '')).toMatchObject({
      wsfunction: 'core_user_get_users_by_field',
      field: 'id',
      values: ['57', '58'],
    });
    const search = mockFunctionReply(200, fixtureText('core_user_get_users.email'));
    const answer = await client().getUsers([{ key: 'email', value: 'lee\\_park@un.org' }]);
    expect(answer.users.map((u) => u.email)).toEqual(['Jane.Doe@UN.org']);
    expect(qs.parse(search[0]?.body ?? '')).toMatchObject({
      wsfunction: 'core_user_get_users',
      criteria: [{ key: 'email', value: 'lee\\_park@un.org' }],
    });
  });

  it('pages a roster with onlysuspended, userfields and limitfrom/limitnumber option pairs', async () => {
    const enrolled = mockFunctionReply(200, fixtureText('core_enrol_get_enrolled_users.onlysuspended'));
    const page = await client().getEnrolledUsers(83, { filter: 'inactive', from: 500, limit: 500 }, [
      'id',
      'lastcourseaccess',
    ]);
    expect(page.map((u) => [u.id, u.lastcourseaccess])).toEqual([
      [74, 1_712_880_000],
      [90, 1_720_656_000],
    ]);
    expect(qs.parse(enrolled[0]?.body ?? '')).toMatchObject({
      courseid: '83',
      options: [
        { name: 'onlysuspended', value: '1' },
        { name: 'userfields', value: 'id,lastcourseaccess' },
        { name: 'limitfrom', value: '500' },
        { name: 'limitnumber', value: '500' },
      ],
    });
  });

  it('asks get_users_courses not to count participants', async () => {
    const seen = mockFunctionReply(200, fixtureText('core_enrol_get_users_courses.user'));
    expect(await client().getUsersCourses(57)).toHaveLength(6);
    expect(qs.parse(seen[0]?.body ?? '')).toMatchObject({ userid: '57', returnusercount: '0' });
  });

  it('reports warnings next to data without failing', async () => {
    mockFunctionReply(200, fixtureText('core_course_get_courses_by_field.warnings'));
    const warned: unknown[] = [];
    const body = await createMoodleClient({
      baseUrl: SITE,
      token: new Secret(TOKEN),
      agency: 'unssc',
      onWarnings: (fn, warnings) => warned.push([fn, warnings.length]),
    }).getCoursesByField('id', '12');
    expect(body.courses).toHaveLength(1);
    expect(warned).toEqual([['core_course_get_courses_by_field', 1]]);
  });
});

describe('Moodle client: error mapping', () => {
  it.each([
    ['server.invalidtoken', 'LMS_UNAUTHENTICATED'],
    ['server.accessexception', 'LMS_UNAUTHENTICATED'],
    ['server.nopermissions', 'LMS_FORBIDDEN'],
    ['server.invalidparameter', 'LMS_BAD_REQUEST'],
    ['server.invalidrecord', 'LMS_NOT_FOUND'],
    ['core_course_get_courses_by_field.unknown-id', 'LMS_BAD_RESPONSE'],
  ])('maps the HTTP 200 envelope %s to %s without leaking the token or query', async (name, code) => {
    mockFunctionReply(200, fixtureText(name));
    const error = await rejection(client().getSiteInfo());
    expect(error.code).toBe(code);
    expect(error.retryable).toBe(false);
    expect(error.upstream?.url).toBe(`${SITE}${MOODLE_REST_PATH}`);
    expect(JSON.stringify({ m: error.message, u: error.upstream, c: String(error.cause) })).not.toContain(TOKEN);
  });

  it.each([
    ['nocriteriaset', 'no-criteria'],
    ['usernotenroled', 'not-tracked'],
    ['cannotviewreport', 'not-enabled'],
  ])('answers the completion refusal %s as "%s", not as a failure', async (name, kind) => {
    mockFunctionReply(200, fixtureText(`core_completion_get_course_completion_status.${name}`));
    expect(await client().getCourseCompletionStatus(12, 57)).toEqual({ kind });
  });

  it('reads a custom report page and the tag functions', async () => {
    const report = mockFunctionReply(200, fixtureText('core_reportbuilder_retrieve_report.completions'));
    const page = await client().retrieveReport(7, 2, 1000);
    expect(page.data.rows[0]?.columns).toEqual(['CLI-129', 'amina.diallo']);
    expect(qs.parse(report[0]?.body ?? '')).toMatchObject({ reportid: '7', page: '2', perpage: '1000' });
    const index = mockFunctionReply(200, fixtureText('core_tag_get_tagindex.course'));
    expect((await client().getTagIndex('SDG 4', 1, 3)).tagid).toBe(53);
    expect(qs.parse(index[0]?.body ?? '')).toMatchObject({ tagindex: { tag: 'SDG 4', tc: '1', ta: '3' } });
  });

  it('maps 5xx with an HTML body to LMS_UNAVAILABLE and retries it', async () => {
    mockFunctionReply(503, '<html>Service Unavailable</html>', { 'content-type': 'text/html' });
    mockFunctionReply(500, '<html>PHP Fatal error</html>', { 'content-type': 'text/html' });
    const error = await rejection(client({ retries: 1 }).getSiteInfo());
    expect(error.code).toBe('LMS_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.upstream?.status).toBe(500);
  });

  it('recovers when a retry succeeds', async () => {
    mockFunctionReply(502, '');
    mockFunctionReply(200, fixtureText('core_webservice_get_site_info.ok'));
    expect((await client({ retries: 1 }).getSiteInfo()).sitename).toBe('UNSSC Learning');
  });

  it('maps HTTP 403 with an empty body (web services disabled) to LMS_FORBIDDEN', async () => {
    mockFunctionReply(403, '', {});
    expect((await rejection(client().getSiteInfo())).code).toBe('LMS_FORBIDDEN');
  });

  it.each([
    ['an HTML page', '<html>Fatal error: Maximum execution time exceeded</html>', { 'content-type': 'text/html' }],
    ['truncated JSON', '[{"id":12,"shortname":"UNSSC', JSON_TYPE],
    ['an empty body', '', JSON_TYPE],
  ])('maps a 200 with %s to LMS_BAD_RESPONSE', async (_label, body, headers) => {
    mockFunctionReply(200, body, headers);
    const error = await rejection(client().getCourses());
    expect(error.code).toBe('LMS_BAD_RESPONSE');
  });

  it('maps a slow answer to LMS_TIMEOUT, retryable', async () => {
    nock(SITE).post(MOODLE_REST_PATH).delay(300).reply(200, '[]', JSON_TYPE);
    const error = await rejection(client({ timeoutMs: 50 }).getCourses());
    expect(error.code).toBe('LMS_TIMEOUT');
    expect(error.retryable).toBe(true);
  });
});
