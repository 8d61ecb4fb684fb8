import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { createReadThrough } from '../core/cache.js';
import { LmsError } from '../core/errors.js';
import type { MoodleClient } from './client.js';
import type { MoodleSdgSource } from './config.js';
import type { MoodleCourseDto } from './dto.js';
import { customFieldText, parseSdgs, sdgsByPattern } from './mapper.js';

/** The SDGs of each course, read from where the agency keeps them (config `sdgSource`). */
export interface MoodleSdgReader {
  sdgsOf(courses: readonly MoodleCourseDto[]): Promise<ReadonlyMap<number, readonly number[]>>;
}

/**
 * Course tags are not part of any course answer; the tag functions give them (tag/classes/external.php):
 * the course tag area and its collection (`core_tag_get_tag_areas`), the collection's tags
 * (`core_tag_get_tag_cloud`, names without ids), each goal tag's id (`core_tag_get_tagindex`), and the
 * courses carrying it (`core_course_search_courses` with `criterianame=tagid`): 2 + 2 × (goal tags) calls,
 * cached with the catalogue. Answers course id → goals, as plain JSON for the cache.
 */
async function readTaggedGoals(client: MoodleClient, pattern: RegExp): Promise<[number, number[]][]> {
  const area = (await client.getTagAreas()).areas.find((a) => a.component === 'core' && a.itemtype === 'course');
  if (!area) return [];
  if (!area.enabled) throw new LmsError('LMS_FORBIDDEN', 'Course tags are disabled on this Moodle site.');
  // limit 0: every tag (the SQL limit 0 means none).
  const cloud = await client.getTagCloud(area.tagcollid, 0);
  const goalTags = cloud.tags.flatMap((tag) => {
    const match = pattern.exec(tag.name.trim());
    const goal = Number(match?.[1]);
    return goal >= 1 && goal <= 17 ? [{ name: tag.name, goal }] : [];
  });
  const goals = new Map<number, Set<number>>();
  await Promise.all(
    goalTags.map(async ({ name, goal }) => {
      const index = await client.getTagIndex(name, area.tagcollid, area.id);
      for (const course of (await client.searchCoursesByTag(index.tagid, 0, 0)).courses) {
        goals.set(course.id, (goals.get(course.id) ?? new Set()).add(goal));
      }
    }),
  );
  return [...goals].map(([id, set]) => [id, [...set].sort((a, b) => a - b)]);
}

export function createSdgReader(
  source: MoodleSdgSource,
  client: MoodleClient,
  cache: Keyv,
  ttlMs: number,
  logger: Logger,
): MoodleSdgReader {
  const cached = createReadThrough(cache, { ttlMs, logger });
  switch (source.from) {
    case 'customField':
      return {
        sdgsOf: async (courses) => new Map(courses.map((c) => [c.id, parseSdgs(customFieldText(c, source.shortname))])),
      };
    case 'idnumber': {
      const pattern = new RegExp(source.pattern, 'i');
      return {
        sdgsOf: async (courses) => new Map(courses.map((c) => [c.id, sdgsByPattern(c.idnumber ?? '', pattern)])),
      };
    }
    case 'tags': {
      const pattern = new RegExp(source.pattern, 'i');
      return {
        async sdgsOf(courses) {
          const tagged = new Map(await cached('sdg-tags', () => readTaggedGoals(client, pattern)));
          return new Map(courses.map((c) => [c.id, tagged.get(c.id) ?? []]));
        },
      };
    }
  }
}
