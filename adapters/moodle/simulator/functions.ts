import type { MoodleDataset, SimCourse, SimUser } from './dataset.js';
import { courseDto, richCourseDto, siteCourse, userCourseDto, userDto } from './dtos.js';

/** A web-service exception; the protocol answers it as HTTP 200 JSON (lms-apis.md §1.2). */
export class SimException extends Error {
  constructor(
    readonly exception: string,
    readonly errorcode: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

export type Params = Record<string, unknown>;
export interface SiteContext {
  readonly data: MoodleDataset;
  readonly siteUrl: string;
  readonly functions: readonly string[];
}
type Handler = (params: Params, site: SiteContext) => unknown;

const invalidParameter = () =>
  new SimException('invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected');
const invalidUser = () =>
  new SimException('dml_missing_record_exception', 'invaliduser', 'Can not find data record in database table user.');

/** PARAM_INT: digits only, else `invalidparameter` (§1.4a: non-numeric userid). */
function int(params: Params, name: string, fallback?: number): number {
  const raw = params[name];
  if (raw === undefined && fallback !== undefined) return fallback;
  if (typeof raw !== 'string' || !/^-?\d+$/.test(raw)) throw invalidParameter();
  return Number(raw);
}

/** qs gives arrays, or objects keyed by index when indices are sparse. */
const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];

const findUser = (site: SiteContext, id: number) => site.data.users.find((u) => u.id === id);
const findCourse = (site: SiteContext, id: number) =>
  id === 1 ? siteCourse(site.data.siteName) : site.data.courses.find((c) => c.id === id);

export const HANDLERS: Readonly<Record<string, Handler>> = {
  core_webservice_get_site_info: (_params, site) => ({
    ...{ sitename: site.data.siteName, username: 'convergence', firstname: 'Convergence', lastname: 'Gateway' },
    ...{ fullname: 'Convergence Gateway', lang: 'en', userid: 2, siteurl: site.siteUrl, userpictureurl: '' },
    ...{ functions: site.functions.map((name) => ({ name, version: '2024042200' })), downloadfiles: 1 },
    ...{ uploadfiles: 1, release: '4.4.3 (Build: 20240916)', version: '2024042203', mobilecssurl: '' },
    ...{ advancedfeatures: [], usercanmanageownfiles: true, userquota: 0, usermaxuploadfilesize: -1 },
  }),

  /** With ids, unknown ids are silently left out; without, the site course is included (§1.4a). */
  core_course_get_courses: (params, site) => {
    const options = params.options as { ids?: unknown } | undefined;
    const all = [siteCourse(site.data.siteName), ...site.data.courses];
    if (options?.ids === undefined) return all.map(courseDto);
    const wanted = new Set(list(options.ids).map(Number));
    return all.filter((c) => wanted.has(c.id)).map(courseDto);
  },

  core_course_get_courses_by_field: (params, site) => {
    const field = typeof params.field === 'string' ? params.field : '';
    const value = typeof params.value === 'string' ? params.value : '';
    const courses = site.data.courses;
    if (field === 'ids') {
      const ids = value.split(',').map((id) => Number(id.trim()));
      // Seen live (§1.4a): one unknown id fails the whole batch with an errorcode-less exception.
      if (ids.some((id) => !findCourse(site, id))) {
        throw new SimException('Error', undefined, 'Attempt to assign property "contextvalidated" on null');
      }
      return { courses: ids.map((id) => richCourseDto(findCourse(site, id) as SimCourse)), warnings: [] };
    }
    const match: Record<string, (c: SimCourse) => boolean> = {
      '': () => true,
      id: (c) => String(c.id) === value,
      shortname: (c) => c.shortname === value,
      idnumber: (c) => c.idnumber !== '' && c.idnumber === value,
      category: () => value === '1',
    };
    const test = match[field];
    if (!test) throw invalidParameter();
    return { courses: courses.filter(test).map(richCourseDto), warnings: [] };
  },

  core_course_search_courses: (params, site) => {
    if (params.criterianame !== 'search') throw invalidParameter();
    const text = String(params.criteriavalue ?? '').toLowerCase();
    const page = int(params, 'page', 0);
    const perpage = int(params, 'perpage', 0);
    const hits = site.data.courses.filter((c) =>
      [c.fullname, c.shortname, c.summary, c.idnumber].some((f) => f.toLowerCase().includes(text)),
    );
    const window = perpage > 0 ? hits.slice(page * perpage, (page + 1) * perpage) : hits;
    return { total: hits.length, courses: window.map(richCourseDto), warnings: [] };
  },

  /** Unknown user: `[]`; non-numeric: invalidparameter (§1.4a). */
  core_enrol_get_users_courses: (params, site) => {
    const userId = int(params, 'userid');
    return site.data.enrolments
      .filter((e) => e.userId === userId)
      .map((e) => userCourseDto(findCourse(site, e.courseId) as SimCourse, e));
  },

  /** Paged with `options[i][name]=limitfrom|limitnumber` pairs (§1.4a). */
  core_enrol_get_enrolled_users: (params, site) => {
    const course = findCourse(site, int(params, 'courseid'));
    if (!course) throw new SimException('dml_missing_record_exception', 'invalidrecord', 'Can not find data record');
    const options = list(params.options) as { name?: string; value?: string }[];
    const option = (name: string, fallback: number) => Number(options.find((o) => o.name === name)?.value ?? fallback);
    const from = option('limitfrom', 0);
    const limit = option('limitnumber', 0);
    const users = site.data.enrolments
      .filter((e) => e.courseId === course.id)
      .map((e) => findUser(site, e.userId) as SimUser)
      .sort((a, b) => a.id - b.id);
    const window = limit > 0 ? users.slice(from, from + limit) : users.slice(from);
    const roles = [{ roleid: 5, name: '', shortname: 'student', sortorder: 0 }];
    const enrolledcourses = [{ id: course.id, fullname: course.fullname, shortname: course.shortname }];
    return window.map((u) => ({ ...userDto(u), lastcourseaccess: u.lastaccess, roles, enrolledcourses }));
  },

  /** Unknown values are simply absent; e-mail matched case-insensitively as on MySQL (§1.3.4). */
  core_user_get_users_by_field: (params, site) => {
    const field = String(params.field ?? '');
    if (!['id', 'idnumber', 'username', 'email'].includes(field)) throw invalidParameter();
    const values = new Set(list(params.values).map((v) => String(v).toLowerCase()));
    return site.data.users
      .filter((u) => values.has(String(u[field as 'id' | 'idnumber' | 'username' | 'email']).toLowerCase()))
      .filter((u) => field !== 'idnumber' || u.idnumber !== '')
      .map(userDto);
  },

  core_completion_get_course_completion_status: (params, site) => {
    const course = findCourse(site, int(params, 'courseid'));
    const user = findUser(site, int(params, 'userid'));
    if (!user) throw invalidUser();
    if (!course) throw new SimException('dml_missing_record_exception', 'invalidrecord', 'Can not find data record');
    if (!course.hasCriteria) throw new SimException('moodle_exception', 'nocriteriaset', 'No criteria set');
    const enrolment = site.data.enrolments.find((e) => e.userId === user.id && e.courseId === course.id);
    const complete = Boolean(enrolment?.completed && enrolment.timecompleted);
    const completions = [
      { type: 4, title: 'Activity completion', status: complete ? 'Complete' : 'Not complete', complete },
    ].map((c) => ({ ...c, timecompleted: complete ? (enrolment?.timecompleted ?? null) : null }));
    return {
      completionstatus: { completed: enrolment?.completed ?? false, aggregation: 1, completions },
      warnings: [],
    };
  },

  /** Unknown user: invaliduser (§1.4a). */
  core_badges_get_user_badges: (params, site) => {
    const user = findUser(site, int(params, 'userid', 0));
    if (!user) throw invalidUser();
    const badges = site.data.issued
      .filter((i) => i.userId === user.id)
      .map((i) => {
        const b = site.data.badges.find((x) => x.id === i.badgeId);
        return {
          ...{ id: i.badgeId, name: b?.name ?? '', description: `Awarded for ${b?.name ?? 'learning'}` },
          ...{ timecreated: 1_672_531_200, timemodified: 1_672_531_200, issuername: site.data.siteName },
          ...{ issuerurl: site.siteUrl, issuercontact: null, expiredate: null, expireperiod: b?.expireperiod ?? null },
          ...{ type: b?.courseId ? 2 : 1, courseid: b?.courseId ?? null, attachment: 1, notification: 1, status: 3 },
          ...{ issuedid: i.issuedid, uniquehash: i.uniquehash, dateissued: i.dateissued, dateexpire: i.dateexpire },
          ...{ visible: 1, badgeurl: `${site.siteUrl}/webservice/pluginfile.php/1/badges/badgeimage/${i.badgeId}/f1` },
        };
      });
    return { badges, warnings: [] };
  },
};
