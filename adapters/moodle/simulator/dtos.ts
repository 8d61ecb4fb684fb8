import type { SimCourse, SimEnrolment, SimUser } from './dataset.js';

/** Moodle-shaped answers built from dataset rows; field lists follow lms-apis.md §1.3. */

export function siteCourse(siteName: string): SimCourse {
  return {
    ...{ id: 1, shortname: 'site', fullname: siteName, idnumber: '', summary: '', format: 'site', lang: '' },
    ...{ visible: 1, startdate: 0, enddate: 0, timecreated: 1_672_531_200, timemodified: 1_672_531_200 },
    ...{ enablecompletion: false, hasCriteria: false, sdgs: '', topics: '' },
  };
}

function customfields(c: SimCourse) {
  const fields = [
    { name: 'SDGs', shortname: 'sdgs', value: c.sdgs },
    { name: 'Topics', shortname: 'topics', value: c.topics },
  ];
  return fields.map((f) => ({ ...f, type: 'text', valueraw: f.value }));
}

/** `core_course_get_courses` item: 0/1 ints for visible and friends (§1.3.1, §1.4). */
export function courseDto(c: SimCourse) {
  return {
    ...{ id: c.id, shortname: c.shortname, categoryid: c.id === 1 ? 0 : 1, categorysortorder: 10_000 + c.id },
    ...{ fullname: c.fullname, displayname: c.fullname, idnumber: c.idnumber, summary: c.summary, summaryformat: 1 },
    ...{ format: c.format, showgrades: 1, newsitems: 5, startdate: c.startdate, enddate: c.enddate, numsections: 6 },
    ...{ maxbytes: 0, showreports: 0, visible: c.visible, groupmode: 0, groupmodeforce: 0, defaultgroupingid: 0 },
    ...{ timecreated: c.timecreated, timemodified: c.timemodified, enablecompletion: c.enablecompletion ? 1 : 0 },
    ...{
      completionnotify: 0,
      lang: c.lang,
      forcetheme: '',
      courseformatoptions: [{ name: 'hiddensections', value: 0 }],
    },
    ...{ showactivitydates: true, showcompletionconditions: true, customfields: c.id === 1 ? [] : customfields(c) },
  };
}

/** get_courses_by_field / search_courses items are richer (§1.3.1). */
export function richCourseDto(c: SimCourse) {
  const { categorysortorder, ...base } = courseDto(c);
  return {
    ...base,
    ...{ categoryname: 'Learning', sortorder: categorysortorder, summaryfiles: [], overviewfiles: [], contacts: [] },
    ...{ enrollmentmethods: ['manual', 'self'], filters: [], cacherev: c.timemodified, theme: '', calendartype: '' },
  };
}

export function userDto(u: SimUser) {
  return {
    ...{ id: u.id, username: u.username, firstname: u.firstname, lastname: u.lastname },
    ...{ fullname: `${u.firstname} ${u.lastname}`, ...(u.emailHidden ? {} : { email: u.email }) },
    ...{ department: '', idnumber: u.idnumber, firstaccess: u.lastaccess - 86_400, lastaccess: u.lastaccess },
    ...{ auth: 'oauth2', suspended: false, confirmed: true, lang: 'en', theme: '', timezone: '99', mailformat: 1 },
    ...{ description: '', descriptionformat: 1, country: '', customfields: [], preferences: [] },
  };
}

/** `core_enrol_get_users_courses` item: booleans here, progress null when not tracked (§1.3.2, §1.4a). */
export function userCourseDto(c: SimCourse, e: SimEnrolment) {
  return {
    ...{ id: c.id, shortname: c.shortname, fullname: c.fullname, displayname: c.fullname, idnumber: c.idnumber },
    ...{ visible: c.visible, summary: c.summary, summaryformat: 1, format: c.format, showgrades: true, lang: c.lang },
    ...{ enablecompletion: c.enablecompletion, completionhascriteria: c.hasCriteria },
    ...{ completionusertracked: c.enablecompletion, category: 1, progress: e.progress, completed: e.completed },
    ...{ startdate: c.startdate, enddate: c.enddate, marker: 0, lastaccess: e.lastaccess, isfavourite: false },
    ...{ hidden: false, overviewfiles: [], showactivitydates: true, showcompletionconditions: true },
    timemodified: c.timemodified,
  };
}
