import type { SimCourse } from '../dataset.js';
import { courseDto, publicCourseDto, richCourseDto, siteCourse } from '../dtos.js';
import { SITE_LANG } from '../seedData.js';
import type { SiteContext } from '../site.js';
import { type Handler, int, invalidParameter, list, SimException } from './params.js';
import { tagIdsOfCourse } from './tags.js';

const findCourse = (site: SiteContext, id: number) =>
  id === 1 ? siteCourse(site.data.siteName) : site.index.courseById.get(id);

/** `lang` is `current_language()` of the service user: the site language unless the user chose one. */
export const getSiteInfo: Handler = (_params, site) => ({
  ...{ sitename: site.data.siteName, username: 'convergence', firstname: 'Convergence', lastname: 'Gateway' },
  ...{ fullname: 'Convergence Gateway', lang: SITE_LANG, userid: 2, siteurl: site.siteUrl, userpictureurl: '' },
  ...{ functions: site.functions.map((name) => ({ name, version: '2024042200' })), downloadfiles: 1 },
  ...{ uploadfiles: 1, release: '4.4.3 (Build: 20240916)', version: '2024042203', mobilecssurl: '' },
  ...{ advancedfeatures: [], usercanmanageownfiles: true, userquota: 0, usermaxuploadfilesize: -1 },
});

/** With ids, unknown ids are silently left out; without, the site course is included (§1.4a). */
export const getCourses: Handler = (params, site) => {
  const options = params.options as { ids?: unknown } | undefined;
  const all = [siteCourse(site.data.siteName), ...site.data.courses];
  if (options?.ids === undefined) return all.map((c) => courseDto(site, c));
  const wanted = new Set(list(options.ids).map(Number));
  return all.filter((c) => wanted.has(c.id)).map((c) => courseDto(site, c));
};

export const getCoursesByField: Handler = (params, site) => {
  const field = typeof params.field === 'string' ? params.field : '';
  const value = typeof params.value === 'string' ? params.value : '';
  if (field === 'ids') {
    const ids = value.split(',').map((id) => Number(id.trim()));
    // Seen live (§1.4a): one unknown id fails the whole batch with an errorcode-less exception.
    if (ids.some((id) => !findCourse(site, id))) {
      throw new SimException('Error', undefined, 'Attempt to assign property "contextvalidated" on null');
    }
    return { courses: ids.map((id) => richCourseDto(site, findCourse(site, id) as SimCourse)), warnings: [] };
  }
  const match: Record<string, (c: SimCourse) => boolean> = {
    '': () => true,
    id: (c) => String(c.id) === value,
    shortname: (c) => c.shortname === value,
    idnumber: (c) => c.idnumber !== '' && c.idnumber === value,
    category: () => value === '1',
  };
  const test = match[field];
  if (!test) throw invalidParameter('Invalid field name');
  const pool = field === '' ? [siteCourse(site.data.siteName), ...site.data.courses] : site.data.courses;
  return { courses: pool.filter(test).map((c) => richCourseDto(site, c)), warnings: [] };
};

/**
 * `core_course_search_courses`: `search` matches every word in full name, short name, ID number or
 * summary; `tagid` lists the courses carrying that tag. Items are the slim public shape (no ID number,
 * visibility, language or dates); `total` counts every match, `page`/`perpage` pick the window.
 */
export const searchCourses: Handler = (params, site) => {
  const criterion = String(params.criterianame ?? '');
  if (!['search', 'modulelist', 'blocklist', 'tagid'].includes(criterion)) throw invalidParameter();
  const page = int(params, 'page', 0);
  const perpage = int(params, 'perpage', 0);
  let hits: SimCourse[];
  if (criterion === 'tagid') {
    const tagId = Number(params.criteriavalue);
    hits = site.data.courses.filter((c) => tagIdsOfCourse(site, c).includes(tagId));
  } else if (criterion === 'search') {
    const words = String(params.criteriavalue ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    hits = site.data.courses.filter((c) => {
      const text = [c.fullname, c.shortname, c.summary, c.idnumber].join(' ').toLowerCase();
      return words.every((w) => text.includes(w));
    });
  } else {
    hits = [];
  }
  const window = perpage > 0 ? hits.slice(page * perpage, (page + 1) * perpage) : hits;
  return { total: hits.length, courses: window.map((c) => publicCourseDto(site, c)), warnings: [] };
};
