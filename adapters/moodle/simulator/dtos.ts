import type { SimCourse } from './dataset.js';
import { INSTALLED_LANGS } from './seedData.js';
import type { SiteContext } from './site.js';

/**
 * Moodle-shaped course answers built from dataset rows. Keys come in the order of each function's
 * `*_returns()` description, because `clean_returnvalue` rebuilds every structure in that order; optional
 * keys that Moodle did not set are absent (read at 4.4dev, course/externallib.php).
 */

export function siteCourse(siteName: string): SimCourse {
  return {
    ...{ id: 1, shortname: 'site', fullname: siteName, idnumber: '', summary: '', format: 'site', lang: '' },
    ...{ visible: 1, startdate: 0, enddate: 0, timecreated: 1_672_531_200, timemodified: 1_672_531_200 },
    ...{ enablecompletion: false, hasCriteria: false, trackedActivities: 0, sdgs: [], sdgField: '', tags: [] },
    ...{ topics: '', hiddensections: 0, hasImage: false },
  };
}

/** `clean_param($lang, PARAM_LANG)`: a language pack the site does not have becomes "". */
export const paramLang = (lang: string): string => (INSTALLED_LANGS.includes(lang) ? lang : '');

/**
 * `export_instance_data` (customfield handler): each field of the site, with `valueraw` as stored and
 * `value` formatted, null when the field is empty. A site with no course custom fields gets none, and
 * the functions then leave `customfields` out entirely (`if ($customfields = ...)`).
 */
export function customfields(site: SiteContext, c: SimCourse) {
  if (!site.options.customFields) return undefined;
  const field = (name: string, shortname: string, raw: string) => ({
    name,
    shortname,
    type: 'text',
    valueraw: raw,
    value: raw === '' ? null : raw,
  });
  return [field('SDGs', 'sdgs', c.sdgField), field('Topics', 'topics', c.topics)];
}

/** `course_get_format($course)->get_format_options()`: what each format stores. */
function formatOptions(c: SimCourse): { name: string; value: number | string }[] {
  switch (c.format) {
    case 'topics':
    case 'weeks':
      return [
        { name: 'hiddensections', value: c.hiddensections },
        { name: 'coursedisplay', value: 0 },
      ];
    case 'singleactivity':
      return [{ name: 'activitytype', value: 'scorm' }];
    case 'social':
      return [{ name: 'numdiscussions', value: 10 }];
    default:
      return [];
  }
}

/**
 * `course_summary_exporter::get_course_image`: the overview image's pluginfile URL, else the generated
 * pattern Moodle draws for courses without one (an SVG data URL).
 */
export function courseImage(site: SiteContext, c: SimCourse): string {
  if (c.hasImage) return `${site.siteUrl}/pluginfile.php/${100 + c.id}/course/overviewfiles/cover-${c.id}.jpg`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect fill="#${(c.id * 2_654_435).toString(16).slice(-6).padStart(6, '0')}" width="100" height="100"/></svg>`;
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/** `core_course_get_courses` item for a service user who may update courses: 0/1 ints (§1.3.1, §1.4). */
export function courseDto(site: SiteContext, c: SimCourse) {
  const options = formatOptions(c);
  const hidden = options.find((o) => o.name === 'hiddensections');
  const fields = c.id === 1 ? undefined : customfields(site, c);
  return {
    ...{ id: c.id, shortname: c.shortname, categoryid: c.id === 1 ? 0 : 1, categorysortorder: 10_000 + c.id },
    ...{ fullname: c.fullname, displayname: c.fullname, idnumber: c.idnumber, summary: c.summary, summaryformat: 1 },
    ...{ format: c.format, showgrades: 1, newsitems: 5, startdate: c.startdate, enddate: c.enddate, numsections: 6 },
    ...{ maxbytes: 0, showreports: 0, visible: c.visible, ...(hidden ? { hiddensections: hidden.value } : {}) },
    ...{ groupmode: 0, groupmodeforce: 0, defaultgroupingid: 0, timecreated: c.timecreated },
    ...{ timemodified: c.timemodified, enablecompletion: c.enablecompletion ? 1 : 0, completionnotify: 0 },
    ...{ lang: paramLang(c.lang), forcetheme: '', courseformatoptions: options },
    ...{ showactivitydates: true, showcompletionconditions: true, ...(fields ? { customfields: fields } : {}) },
  };
}

/**
 * `get_course_public_information`: what `core_course_search_courses` answers, the slim public shape
 * (`get_course_structure(true)`): no ID number, format, visibility, language or dates.
 */
export function publicCourseDto(site: SiteContext, c: SimCourse) {
  const fields = customfields(site, c);
  return {
    ...{ id: c.id, fullname: c.fullname, displayname: c.fullname, shortname: c.shortname },
    ...{ courseimage: courseImage(site, c), categoryid: 1, categoryname: 'Learning', sortorder: 10_000 + c.id },
    ...{ summary: c.summary, summaryformat: 1, summaryfiles: [], overviewfiles: overviewFiles(site, c) },
    ...{ showactivitydates: true, showcompletionconditions: true, contacts: [], enrollmentmethods: ['manual', 'self'] },
    ...(fields ? { customfields: fields } : {}),
  };
}

function overviewFiles(site: SiteContext, c: SimCourse) {
  if (!c.hasImage) return [];
  const filename = `cover-${c.id}.jpg`;
  const fileurl = `${site.siteUrl}/webservice/pluginfile.php/${100 + c.id}/course/overviewfiles/${filename}`;
  return [{ filename, filepath: '/', filesize: 48_213, fileurl, timemodified: c.timemodified, mimetype: 'image/jpeg' }];
}

/** `core_course_get_courses_by_field` item: the public shape plus the fields of `get_course_structure(false)`. */
export function richCourseDto(site: SiteContext, c: SimCourse) {
  return {
    ...publicCourseDto(site, c),
    ...{ idnumber: c.idnumber, format: c.format, showgrades: 1, newsitems: 5, startdate: c.startdate },
    ...{ enddate: c.enddate, maxbytes: 0, showreports: 0, visible: c.visible, groupmode: 0, groupmodeforce: 0 },
    ...{ defaultgroupingid: 0, enablecompletion: c.enablecompletion ? 1 : 0, completionnotify: 0 },
    ...{ lang: paramLang(c.lang), theme: '', marker: 0, legacyfiles: 0, calendartype: '' },
    ...{ timecreated: c.timecreated, timemodified: c.timemodified, requested: 0, cacherev: c.timemodified },
    ...{ filters: [], courseformatoptions: formatOptions(c) },
  };
}
