import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { createReadThrough } from '../core/cache.js';
import type { MoodleClient } from './client.js';
import type { MoodleCourseDto } from './dto.js';

const ALL_KEY = 'courses:all';
const COMPLETE_KEY = 'courses:complete';
const SITE_LANG_KEY = 'site:lang';
const courseKey = (id: number) => `course:${id}`;

interface CourseEntry {
  readonly dto: MoodleCourseDto | null;
}

export interface MoodleCatalogue {
  /** Every course the service user can see (site course included: the mapper drops it). */
  all(): Promise<readonly MoodleCourseDto[]>;
  /** Batch read by id; null for ids Moodle does not have. */
  byIds(ids: readonly number[]): Promise<Map<number, MoodleCourseDto | null>>;
  /**
   * The language courses without their own fall back to: `lang` of `core_webservice_get_site_info`, which
   * is `current_language()` (webservice/externallib.php), i.e. the site default unless the service user
   * chose a language of their own. null when the site answers none.
   */
  siteLanguage(): Promise<string | null>;
}

/**
 * The catalogue cache. It holds upstream DTOs (JSON-safe), never canonical records, whose Dates would not
 * survive a Redis round trip. Catalogue data is shared by every requester, so it is cached for `ttlMs`.
 */
export function createMoodleCatalogue(
  client: MoodleClient,
  cache: Keyv,
  ttlMs: number,
  logger: Logger,
): MoodleCatalogue {
  const cached = createReadThrough(cache, { ttlMs, logger });

  async function store(entries: ReadonlyArray<readonly [number, MoodleCourseDto | null]>): Promise<void> {
    if (ttlMs <= 0) return;
    await Promise.all(entries.map(([id, dto]) => cache.set(courseKey(id), { dto } satisfies CourseEntry, ttlMs))).catch(
      (error: unknown) => logger.warn({ err: String(error) }, 'cache write failed'),
    );
  }

  return {
    siteLanguage: () => cached(SITE_LANG_KEY, async () => (await client.getSiteInfo()).lang?.trim() || null),

    all: () =>
      cached(ALL_KEY, async () => {
        const dtos = await client.getCourses();
        // The listing is complete, so an id outside it is missing until the TTL ends. Written before the
        // entries so that it never outlives them.
        if (ttlMs > 0) await cache.set(COMPLETE_KEY, true, ttlMs).catch(() => undefined);
        await store(dtos.map((dto) => [dto.id, dto] as const));
        return dtos;
      }),

    /**
     * Cached entries first, then one `core_course_get_courses` with `options[ids]` for the rest. Not
     * `get_courses_by_field(ids)`: one unknown id fails that whole batch (lms-apis.md §1.4a).
     */
    async byIds(ids) {
      const hits = ttlMs > 0 ? await cache.getMany<CourseEntry>(ids.map(courseKey)).catch(() => []) : [];
      const found = new Map<number, MoodleCourseDto | null>();
      ids.forEach((id, i) => {
        const hit = hits[i];
        if (hit) found.set(id, hit.dto);
      });
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length === 0) return found;
      if (ttlMs > 0 && (await cache.get<boolean>(COMPLETE_KEY).catch(() => false))) {
        for (const id of missing) found.set(id, null);
        return found;
      }
      const dtos = new Map((await client.getCourses(missing)).map((dto) => [dto.id, dto] as const));
      const entries = missing.map((id) => [id, dtos.get(id) ?? null] as const);
      for (const [id, dto] of entries) found.set(id, dto);
      await store(entries);
      return found;
    },
  };
}
