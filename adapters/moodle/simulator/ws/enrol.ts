import type { SimCourse, SimEnrolment, SimUser } from '../dataset.js';
import { courseImage, paramLang, siteCourse } from '../dtos.js';
import { isActive } from '../enrolments.js';
import { activeVisibleCourses, type SiteContext } from '../site.js';
import { bool, type Handler, int, invalidParameter, invalidRecord, namedOptions, SimException } from './params.js';

/**
 * `core_completion\progress::get_course_progress_percentage` (completion/classes/progress.php): null when
 * completion is off, the person is not tracked, or no activity tracks completion; 100 once complete.
 */
function progressOf(c: SimCourse, e: SimEnrolment): number | null {
  if (!c.enablecompletion || e.role !== 'student') return null;
  if (e.completed) return 100;
  if (c.trackedActivities === 0) return null;
  return (e.activitiesDone / c.trackedActivities) * 100;
}

/**
 * One `core_enrol_get_users_courses` item, in `get_users_courses_returns()` order (enrol/externallib.php).
 * `completed` is null when completion is off; `completionusertracked` says whether this person is tracked
 * (an active enrolment with a role that has moodle/course:isincompletionreports, lib/completionlib.php).
 */
function userCourseDto(site: SiteContext, c: SimCourse, e: SimEnrolment, count: number | undefined) {
  return {
    ...{ id: c.id, shortname: c.shortname, fullname: c.fullname, displayname: c.fullname },
    ...(count === undefined ? {} : { enrolledusercount: count }),
    ...{ idnumber: c.idnumber, visible: c.visible, summary: c.summary, summaryformat: 1, format: c.format },
    ...{ courseimage: courseImage(site, c), showgrades: true, lang: paramLang(c.lang) },
    ...{ enablecompletion: c.enablecompletion, completionhascriteria: c.enablecompletion && c.hasCriteria },
    ...{ completionusertracked: c.enablecompletion && e.role === 'student', category: 1 },
    ...{ progress: progressOf(c, e), completed: c.enablecompletion ? e.completed : null },
    ...{ startdate: c.startdate, enddate: c.enddate, marker: 0, lastaccess: e.lastcourseaccess || null },
    ...{ isfavourite: false, hidden: false, overviewfiles: [], showactivitydates: true },
    ...{ showcompletionconditions: true, timemodified: c.timemodified },
  };
}

/**
 * Active enrolments in courses the learner may see, and nothing else (`enrol_get_users_courses($userid,
 * true)`, lib/enrollib.php): hidden courses and suspended, ended or not-yet-started enrolments are left out.
 * Unknown user: `[]`; non-numeric: invalidparameter (§1.4a).
 */
export const getUsersCourses: Handler = (params, site) => {
  const userId = int(params, 'userid');
  const withCount = bool(params, 'returnusercount', true);
  const mine = new Map((site.index.enrolmentsByUser.get(userId) ?? []).map((e) => [e.courseId, e] as const));
  return activeVisibleCourses(site, userId).map((c) => {
    const count = withCount ? (site.index.enrolmentsByCourse.get(c.id)?.length ?? 0) : undefined;
    return userCourseDto(site, c, mine.get(c.id) as SimEnrolment, count);
  });
};

const DEFAULT_USER_FIELDS = [
  'id',
  'username',
  'fullname',
  'firstname',
  'lastname',
  'email',
  'address',
  'phone1',
  'phone2',
  'department',
  'institution',
  'interests',
  'firstaccess',
  'lastaccess',
  'auth',
  'confirmed',
  'idnumber',
  'lang',
  'theme',
  'timezone',
  'mailformat',
  'description',
  'descriptionformat',
  'city',
  'country',
  'profileimageurlsmall',
  'profileimageurl',
  'customfields',
  'groups',
  'roles',
  'preferences',
  'enrolledcourses',
  'suspended',
  'lastcourseaccess',
]; // user_get_default_fields(), user/lib.php

const PARTICIPANT_FIELDS = [
  'id',
  'username',
  'firstname',
  'lastname',
  'fullname',
  'email',
  'department',
  'idnumber',
  'firstaccess',
  'lastaccess',
  'lastcourseaccess',
  'description',
  'descriptionformat',
  'country',
  'profileimageurlsmall',
  'profileimageurl',
  'roles',
  'enrolledcourses',
]; // get_enrolled_users_returns() order, as far as the simulated users have them

function participantField(site: SiteContext, u: SimUser, e: SimEnrolment | undefined, field: string): unknown {
  switch (field) {
    case 'id':
      return u.id;
    case 'username':
    case 'firstname':
    case 'lastname':
    case 'idnumber':
    case 'lastaccess':
      return u[field];
    case 'fullname':
      return `${u.firstname} ${u.lastname}`;
    case 'email':
      return u.emailHidden ? undefined : u.email;
    case 'firstaccess':
      return u.lastaccess - 86_400;
    case 'lastcourseaccess':
      return e?.lastcourseaccess ?? 0;
    case 'descriptionformat':
      return 1;
    case 'profileimageurlsmall':
      return `${site.siteUrl}/theme/image.php/boost/core/1/u/f2`;
    case 'profileimageurl':
      return `${site.siteUrl}/theme/image.php/boost/core/1/u/f1`;
    case 'roles':
      return e?.role === 'editingteacher'
        ? [{ roleid: 3, name: '', shortname: 'editingteacher', sortorder: 1 }]
        : [{ roleid: 5, name: '', shortname: 'student', sortorder: 4 }];
    case 'enrolledcourses': {
      // Only when the person has active enrolments in courses they may see (`if ($mycourses = ...)`).
      const mine = activeVisibleCourses(site, u.id);
      return mine.length > 0
        ? mine.map((c) => ({ id: c.id, fullname: c.fullname, shortname: c.shortname }))
        : undefined;
    }
    default:
      return '';
  }
}

/** A participant as `get_enrolled_users_returns()` lists them; only the requested `userfields` (plus id, fullname). */
function participantDto(site: SiteContext, u: SimUser, e: SimEnrolment | undefined, fields: Set<string> | null) {
  const dto: Record<string, unknown> = {};
  for (const field of PARTICIPANT_FIELDS) {
    if (fields && !fields.has(field)) continue;
    const value = participantField(site, u, e, field);
    if (value !== undefined) dto[field] = value;
  }
  return dto;
}

/**
 * `core_enrol_get_enrolled_users` (enrol/externallib.php): every participant by default, whatever the
 * state of their enrolment; `onlyactive` keeps active enrolments, `onlysuspended` those with no active
 * enrolment (get_enrolled_join, lib/enrollib.php); ordered by id, paged with `limitfrom`/`limitnumber`.
 * It carries no enrolment date or status.
 */
export const getEnrolledUsers: Handler = (params, site) => {
  const courseId = int(params, 'courseid');
  const options = namedOptions(params.options);
  const flag = (name: string) => (options.get(name) ?? '') !== '' && options.get(name) !== '0';
  const [onlyActive, onlySuspended] = [flag('onlyactive'), flag('onlysuspended')];
  const from = Number.parseInt(options.get('limitfrom') ?? '0', 10) || 0;
  const limit = Number.parseInt(options.get('limitnumber') ?? '0', 10) || 0;
  const requested = options.get('userfields');
  const fields = requested ? new Set(requested.split(',').map((f) => f.trim())) : null;
  for (const field of fields ?? []) {
    if (!DEFAULT_USER_FIELDS.includes(field)) throw new SimException('moodle_exception', 'invaliduserfield', field);
  }
  fields?.add('id').add('fullname');
  const sortby = options.get('sortby') ?? 'id';
  if (!['id', 'firstname', 'lastname', 'siteorder'].includes(sortby)) throw invalidParameter();
  const direction = (options.get('sortdirection') ?? 'ASC').toUpperCase();
  if (!['ASC', 'DESC'].includes(direction)) throw invalidParameter();

  const course = courseId === 1 ? siteCourse(site.data.siteName) : site.index.courseById.get(courseId);
  if (!course) throw invalidRecord('course');
  if (onlyActive && onlySuspended) {
    throw new SimException(
      'coding_exception',
      'codingerror',
      'Coding error detected, it must be fixed by a programmer',
    );
  }
  // All users are "enrolled" on the front page.
  const rows =
    courseId === 1
      ? site.data.users.map((u) => ({ user: u, enrolment: undefined }))
      : (site.index.enrolmentsByCourse.get(courseId) ?? [])
          .filter((e) => (onlyActive ? isActive(e) : onlySuspended ? !isActive(e) : true))
          .map((e) => ({ user: site.index.userById.get(e.userId) as SimUser, enrolment: e }));
  const sign = direction === 'DESC' ? -1 : 1;
  const byName = (a: SimUser, b: SimUser) =>
    sortby === 'firstname' || sortby === 'lastname' ? a[sortby].localeCompare(b[sortby]) : 0;
  rows.sort((a, b) => sign * (byName(a.user, b.user) || a.user.id - b.user.id));
  const window = limit > 0 ? rows.slice(from, from + limit) : rows.slice(from);
  return window.map((r) => participantDto(site, r.user, r.enrolment, fields));
};
