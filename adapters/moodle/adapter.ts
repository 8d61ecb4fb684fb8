import { CourseVisibility } from '../../schema/model/enums.js';
import type { AdapterDeps, AdapterImplementation, LmsCapability } from '../core/adapter.js';
import { createReadThrough } from '../core/cache.js';
import { LmsError } from '../core/errors.js';
import { matchesCourseQuery, normaliseEmail } from '../core/query.js';
import type { CourseRecord, EnrollmentRecord, LearnerMatchQuery } from '../core/records.js';
import { createMoodleCatalogue } from './catalogue.js';
import { createMoodleClient, type MoodleClient } from './client.js';
import type { MoodleConfig } from './config.js';
import { type MoodleMapContext, mapBadge, mapCourses, mapUser, mapUserCourse } from './mapper.js';
import { badgesOrNone, computeMoodleStats, refuseDateWindow } from './stats.js';

export const MOODLE_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>([
  'courses',
  'learners',
  'enrollments.byLearner',
  'credentials',
  'stats',
]);

/** The functions the service behind the token must hold; healthCheck verifies them (§1.3.6). */
export const MOODLE_REQUIRED_FUNCTIONS = [
  'core_webservice_get_site_info',
  'core_course_get_courses',
  'core_user_get_users_by_field',
  'core_enrol_get_users_courses',
  'core_enrol_get_enrolled_users',
  'core_badges_get_user_badges',
] as const;

/** Moodle ids are integers; anything else cannot exist upstream and would only earn `invalidparameter`. */
const numericIds = (ids: readonly string[]): number[] => [
  ...new Set(ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number)),
];

const present = <T>(value: T | null): value is T => value !== null;

/** The users named by `<userId>-<rest>` local ids (enrolments, credentials): one upstream call each. */
function usersOf(localIds: readonly string[], rest: RegExp): number[] {
  const pattern = new RegExp(`^(\\d{1,15})-(?:${rest.source})$`);
  return numericIds(localIds.map((id) => pattern.exec(id)?.[1] ?? ''));
}

/** A Moodle site in canonical terms; the factory (`createAdapter(moodleAdapter, ...)`) wraps it. */
export function createMoodleAdapter(
  config: MoodleConfig,
  deps: AdapterDeps,
  client?: MoodleClient,
): AdapterImplementation {
  const moodle =
    client ??
    createMoodleClient({
      baseUrl: config.baseUrl,
      token: config.token,
      agency: deps.agency,
      ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
      ...(config.maxConcurrency !== undefined ? { maxConcurrency: config.maxConcurrency } : {}),
      onWarnings: (wsfunction, warnings) =>
        deps.logger.warn(
          { wsfunction, warnings: warnings.map(({ item, itemid, warningcode }) => ({ item, itemid, warningcode })) },
          'Moodle reported warnings',
        ),
    });
  const ctx: MoodleMapContext = {
    siteUrl: config.baseUrl,
    language: config.language,
    visibleAs: config.visibleCourses === 'INTERNAL' ? CourseVisibility.INTERNAL : CourseVisibility.PUBLIC,
  };
  const catalogue = createMoodleCatalogue(moodle, deps.cache, config.cacheTtlMs, deps.logger);
  // Aggregate counts only (no personal data), so they share the catalogue TTL.
  const cachedStats = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });

  async function userCourses(userIds: readonly number[]): Promise<EnrollmentRecord[]> {
    const lists = await Promise.all(
      userIds.map(async (userId) => (await moodle.getUsersCourses(userId)).map((dto) => mapUserCourse(userId, dto))),
    );
    return lists.flat();
  }

  async function badgesOf(userIds: readonly number[]) {
    const lists = await Promise.all(
      userIds.map(async (userId) => (await badgesOrNone(moodle, userId)).map((dto) => mapBadge(userId, dto, ctx))),
    );
    return lists.flat();
  }

  async function findByField(match: LearnerMatchQuery) {
    if (match.indexNumber?.trim()) {
      const index = match.indexNumber.trim();
      const users = await moodle.getUsersByField('idnumber', [index]);
      const found = users.filter((u) => u.idnumber?.trim() === index);
      if (found.length > 0 || !match.email) return found.map(mapUser);
    }
    if (!match.email) return [];
    // The factory hands the address over lower-cased, which is how lms-apis.md §1.3.4 says to query
    // (e-mail matching may be case-sensitive depending on the site's DB collation).
    const email = match.email;
    const users = await moodle.getUsersByField('email', [email]);
    // A hidden e-mail is omitted from the answer; Moodle matched it, so keep that user.
    return users.filter((u) => !u.email || normaliseEmail(u.email) === email).map(mapUser);
  }

  return {
    getCourses: async (localIds) =>
      mapCourses([...(await catalogue.byIds(numericIds(localIds))).values()].filter(present), ctx),

    listCourses: async (query) =>
      mapCourses(await catalogue.all(), ctx).filter((c: CourseRecord) => matchesCourseQuery(c, query)),

    getLearners: async (localIds) =>
      (await moodle.getUsersByField('id', numericIds(localIds).map(String))).map(mapUser),

    findLearners: (match) => findByField(match),

    getEnrollments: (localIds) => userCourses(usersOf(localIds, /\d{1,15}/)),

    // Per-course status needs one call per participant (N+1), so enrollments.byCourse is not declared
    // and the factory only ever passes a learner scope.
    listEnrollments: (scope) => userCourses('learnerLocalIds' in scope ? numericIds(scope.learnerLocalIds) : []),

    getCredentials: (localIds) => badgesOf(usersOf(localIds, /[\w-]+/)),

    listCredentials: (learnerLocalIds) => badgesOf(numericIds(learnerLocalIds)),

    getStats: async (query) => {
      refuseDateWindow(query);
      const sdgs = [...(query.sdgs ?? [])].sort((a, b) => a - b);
      const courses = mapCourses(await catalogue.all(), ctx);
      return cachedStats(`stats:${sdgs.join(',')}`, () => computeMoodleStats(moodle, courses, query, ctx));
    },

    healthCheck: async (signal) => {
      const info = await moodle.getSiteInfo(signal);
      const granted = new Set((info.functions ?? []).map((f) => f.name));
      const missing = MOODLE_REQUIRED_FUNCTIONS.filter((name) => info.functions && !granted.has(name));
      if (missing.length > 0) {
        throw new LmsError('LMS_FORBIDDEN', `The Moodle token's service lacks: ${missing.join(', ')}.`);
      }
    },

    dispose: async () => moodle.dispose(),
  };
}
