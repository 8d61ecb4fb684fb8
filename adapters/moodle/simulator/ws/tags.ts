import type { SimCourse } from '../dataset.js';
import type { SiteContext } from '../site.js';
import { type Handler, int, invalidParameter, invalidRecord } from './params.js';

/** The default tag collection and the tag areas of a stock site (tag/classes/area.php, db/tag.php). */
const COLLECTION_ID = 1;
export const COURSE_TAG_AREA_ID = 3;
const AREAS = [
  { id: 1, component: 'core', itemtype: 'user' },
  { id: 2, component: 'core', itemtype: 'course_modules' },
  { id: COURSE_TAG_AREA_ID, component: 'core', itemtype: 'course' },
  { id: 4, component: 'core_badges', itemtype: 'badge' },
];

interface SimTag {
  readonly id: number;
  /** As typed (`tag.rawname`); `tag.name` is its lower-case form. */
  readonly rawname: string;
  readonly courseIds: readonly number[];
}

const tagsCache = new WeakMap<SiteContext['data'], readonly SimTag[]>();

/** Every course tag of the site, ids in order of first appearance. */
export function siteTags(site: SiteContext): readonly SimTag[] {
  const cached = tagsCache.get(site.data);
  if (cached) return cached;
  const byName = new Map<string, { rawname: string; courseIds: number[] }>();
  for (const course of site.data.courses) {
    for (const raw of course.tags) {
      const entry = byName.get(raw.toLowerCase()) ?? { rawname: raw, courseIds: [] };
      entry.courseIds.push(course.id);
      byName.set(raw.toLowerCase(), entry);
    }
  }
  const tags = [...byName.values()].map((t, i) => ({ id: 10 + i, ...t }));
  tagsCache.set(site.data, tags);
  return tags;
}

export const tagIdsOfCourse = (site: SiteContext, course: SimCourse): number[] =>
  siteTags(site)
    .filter((t) => t.courseIds.includes(course.id))
    .map((t) => t.id);

/** `core_tag_get_tag_areas`: each area with its collection (tag_area_exporter). */
export const getTagAreas: Handler = () => ({
  areas: AREAS.map((a) => ({
    ...a,
    enabled: true,
    tagcollid: COLLECTION_ID,
    callback: a.itemtype === 'course' ? 'course_get_tagged_courses' : '',
    callbackfile: a.itemtype === 'course' ? '/course/lib.php' : '',
    showstandard: 0,
    multiplecontexts: false,
    locked: false,
  })),
  warnings: [],
});

/**
 * `core_tag_get_tag_cloud` (tag/classes/collection.php get_tag_cloud): tags with their number of
 * instances, the most used first up to `limit`, then sorted by name; `search` matches part of the
 * lower-case name. The items carry no id: `core_tag_get_tagindex` gives it.
 */
export const getTagCloud: Handler = (params, site) => {
  const limit = int(params, 'limit', 150);
  const search = String(params.search ?? '').toLowerCase();
  const matching = siteTags(site).filter((t) => search === '' || t.rawname.toLowerCase().includes(search));
  const top = [...matching]
    .sort((a, b) => b.courseIds.length - a.courseIds.length || a.rawname.localeCompare(b.rawname))
    .slice(0, limit > 0 ? limit : undefined)
    .sort((a, b) => a.rawname.toLowerCase().localeCompare(b.rawname.toLowerCase()));
  const tags = top.map((t) => ({
    name: t.rawname,
    viewurl: `${site.siteUrl}/tag/index.php?tc=${COLLECTION_ID}&tag=${encodeURIComponent(t.rawname)}`,
    flag: false,
    isstandard: false,
    count: t.courseIds.length,
    size: 3,
  }));
  return { tags, tagscount: tags.length, totalcount: matching.length, warnings: [] };
};

/** `core_tag_get_tagindex`: the tag must exist (`MUST_EXIST`); the index of one area, rendered as HTML. */
export const getTagIndex: Handler = (params, site) => {
  const index = (params.tagindex ?? {}) as Record<string, unknown>;
  const name = String(index.tag ?? '').toLowerCase();
  const area = AREAS.find((a) => a.id === Number(index.ta));
  if (!area || Number(index.tc) !== COLLECTION_ID) throw invalidParameter();
  const tag = siteTags(site).find((t) => t.rawname.toLowerCase() === name);
  if (!tag) throw invalidRecord('tag');
  const courses = area.itemtype === 'course' ? tag.courseIds : [];
  const items = courses.map((id) => `<li><a href="${site.siteUrl}/course/view.php?id=${id}">${id}</a></li>`);
  return {
    ...{ tagid: tag.id, ta: area.id, component: area.component, itemtype: area.itemtype },
    ...{ title: area.itemtype === 'course' ? 'Courses' : area.itemtype, content: `<ul>${items.join('')}</ul>` },
    ...{ hascontent: courses.length > 0 ? 1 : 0, anchor: `${area.component}_${area.itemtype}` },
  };
};
