import { CourseVisibility } from '../../schema/model/enums.js';
import type { AdapterDeps, AdapterImplementation, LmsCapability } from '../core/adapter.js';
import { createReadThrough } from '../core/cache.js';
import { LmsError } from '../core/errors.js';
import { matchesCourseQuery } from '../core/query.js';
import type { CourseRecord } from '../core/records.js';
import { createMoodleCatalogue } from './catalogue.js';
import { createMoodleClient, type MoodleClient } from './client.js';
import type { MoodleConfig } from './config.js';
import type { MoodleCourseDto } from './dto.js';
import { createMoodleEnrolments } from './enrolments.js';
import { listMoodleEvaluations } from './evaluations.js';
import { findMoodleLearners } from './learners.js';
import { isSiteCourse, type MoodleMapContext, mapBadge, mapCourse, mapUser } from './mapper.js';
import { createSdgReader } from './sdg.js';
import { badgesOrNone, computeMoodleStats, refuseDateWindow } from './stats.js';

export const MOODLE_CAPABILITIES: ReadonlySet<LmsCapability> = new Set<LmsCapability>([
  'courses',
  'learners',
  'enrollments.byLearner',
  'enrollments.byCourse',
  'credentials',
  'stats',
  'evaluations',
]);

/** The functions the service behind the token must hold whatever the settings; healthCheck verifies them. */
export const MOODLE_REQUIRED_FUNCTIONS = [
  'core_webservice_get_site_info',
  'core_course_get_courses',
  'core_user_get_users_by_field',
  'core_user_get_users',
  'core_enrol_get_users_courses',
  'core_enrol_get_enrolled_users',
  'core_completion_get_course_completion_status',
  'core_badges_get_user_badges',
] as const;

/** What the settings add: the tag functions for SDG tags, the report function for the custom reports, mod_feedback for evaluations. */
export function requiredFunctions(
  config: Pick<MoodleConfig, 'sdgSource' | 'reports'> & { readonly feedback?: { readonly enabled: boolean } },
): string[] {
  return [
    ...MOODLE_REQUIRED_FUNCTIONS,
    ...(config.sdgSource.from === 'tags'
      ? ['core_tag_get_tag_areas', 'core_tag_get_tag_cloud', 'core_tag_get_tagindex', 'core_course_search_courses']
      : []),
    ...(config.reports ? ['core_reportbuilder_retrieve_report'] : []),
    ...(config.feedback?.enabled !== false
      ? ['mod_feedback_get_feedbacks_by_courses', 'mod_feedback_get_items', 'mod_feedback_get_responses_analysis']
      : []),
  ];
}

/** Moodle ids are integers; anything else cannot exist upstream and would only earn `invalidparameter`. */
const numericIds = (ids: readonly string[]): number[] => [
  ...new Set(ids.filter((id) => /^\d{1,15}$/.test(id)).map(Number)),
];

const present = <T>(value: T | null): value is T => value !== null;

/** `<userId>-<rest>` local ids (enrolments, credentials) as [userId, rest]. */
function split(localIds: readonly string[], rest: RegExp): [number, string][] {
  const pattern = new RegExp(`^(\\d{1,15})-(${rest.source})$`);
  return localIds.flatMap((id) => {
    const m = pattern.exec(id);
    return m ? [[Number(m[1]), m[2] as string] as [number, string]] : [];
  });
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
  const visibleAs = config.visibleCourses === 'INTERNAL' ? CourseVisibility.INTERNAL : CourseVisibility.PUBLIC;
  const catalogue = createMoodleCatalogue(moodle, deps.cache, config.cacheTtlMs, deps.logger);
  const sdgReader = createSdgReader(config.sdgSource, moodle, deps.cache, config.cacheTtlMs, deps.logger);
  const enrolments = createMoodleEnrolments(moodle, catalogue, {
    pageSize: config.rosterPageSize,
    transcripts: config.transcripts,
  });
  // Aggregate counts only (no personal data), so they share the catalogue TTL.
  const cachedStats = createReadThrough(deps.cache, { ttlMs: config.cacheTtlMs, logger: deps.logger });

  async function context(): Promise<MoodleMapContext> {
    return {
      siteUrl: config.baseUrl,
      language: config.language,
      visibleAs,
      siteLanguage: await catalogue.siteLanguage(),
    };
  }

  async function toCourses(dtos: readonly MoodleCourseDto[]): Promise<CourseRecord[]> {
    const courses = dtos.filter((dto) => !isSiteCourse(dto));
    const [ctx, sdgs] = await Promise.all([context(), sdgReader.sdgsOf(courses)]);
    return courses.map((dto) => mapCourse(dto, ctx, sdgs.get(dto.id) ?? [])).filter(present);
  }

  async function badgesOf(userIds: readonly number[]) {
    const ctx = await context();
    const lists = await Promise.all(
      userIds.map(async (userId) => (await badgesOrNone(moodle, userId)).map((dto) => mapBadge(userId, dto, ctx))),
    );
    return lists.flat();
  }

  return {
    getCourses: async (localIds) =>
      toCourses([...(await catalogue.byIds(numericIds(localIds))).values()].filter(present)),

    listCourses: async (query) => (await toCourses(await catalogue.all())).filter((c) => matchesCourseQuery(c, query)),

    getLearners: async (localIds) =>
      (await moodle.getUsersByField('id', numericIds(localIds).map(String))).map(mapUser),

    findLearners: (match) => findMoodleLearners(moodle, match),

    getEnrollments: (localIds) =>
      enrolments.byIds(split(localIds, /\d{1,15}/).map(([user, course]) => [user, Number(course)] as const)),

    listEnrollments: (scope) =>
      'courseLocalId' in scope
        ? /^\d{1,15}$/.test(scope.courseLocalId)
          ? enrolments.byCourse(Number(scope.courseLocalId))
          : Promise.resolve([])
        : enrolments.byLearners(numericIds(scope.learnerLocalIds)),

    getCredentials: async (localIds) => {
      const wanted = new Set(localIds);
      const found = await badgesOf([...new Set(split(localIds, /[\w-]+/).map(([user]) => user))]);
      return found.filter((c) => wanted.has(c.localId));
    },

    listCredentials: (learnerLocalIds) => badgesOf(numericIds(learnerLocalIds)),

    getStats: async (query) => {
      refuseDateWindow(query);
      const wanted = [...(query.sdgs ?? [])].sort((a, b) => a - b);
      const dtos = (await catalogue.all()).filter((dto) => !isSiteCourse(dto));
      const sdgs = await sdgReader.sdgsOf(dtos);
      const scope = dtos.filter((dto) => !wanted.length || (sdgs.get(dto.id) ?? []).some((s) => wanted.includes(s)));
      return cachedStats(`stats:${wanted.join(',')}`, () => computeMoodleStats(moodle, scope, query, config));
    },

    listCourseEvaluations: (courseLocalIds) =>
      listMoodleEvaluations(moodle, numericIds(courseLocalIds), config.feedback, deps.logger),

    healthCheck: async (signal) => {
      const info = await moodle.getSiteInfo(signal);
      const granted = new Set((info.functions ?? []).map((f) => f.name));
      const missing = requiredFunctions(config).filter((name) => info.functions && !granted.has(name));
      if (missing.length > 0) {
        throw new LmsError('LMS_FORBIDDEN', `The Moodle token's service lacks: ${missing.join(', ')}.`);
      }
    },

    dispose: async () => moodle.dispose(),
  };
}
