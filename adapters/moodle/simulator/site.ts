import type { MoodleDataset, SimBadge, SimCourse, SimEnrolment, SimIssuedBadge, SimUser } from './dataset.js';
import { isActive } from './enrolments.js';

/**
 * How the simulated site's database compares e-mail addresses. PostgreSQL (most production sites) compares
 * `email IN (...)` exactly; MySQL/MariaDB with Moodle's default `utf8mb4_unicode_ci` collation ignores case
 * (lib/dml/*_native_moodle_database.php, user/externallib.php get_users_by_field).
 */
export type EmailMatching = 'postgres' | 'mysql';

export interface SiteOptions {
  readonly emailMatching: EmailMatching;
  /** false: the site defines no course custom fields, and Moodle omits `customfields` from every course. */
  readonly customFields: boolean;
}

/** The dataset with the look-ups every function needs, built once per simulator. */
export interface SiteIndex {
  readonly courseById: ReadonlyMap<number, SimCourse>;
  readonly userById: ReadonlyMap<number, SimUser>;
  readonly enrolmentsByUser: ReadonlyMap<number, readonly SimEnrolment[]>;
  readonly enrolmentsByCourse: ReadonlyMap<number, readonly SimEnrolment[]>;
  readonly issuedByUser: ReadonlyMap<number, readonly SimIssuedBadge[]>;
  readonly badgeById: ReadonlyMap<number, SimBadge>;
}

export interface SiteContext {
  readonly data: MoodleDataset;
  readonly index: SiteIndex;
  readonly options: SiteOptions;
  /** `http://host:port` as the client called it: Moodle's `$CFG->wwwroot`. */
  readonly siteUrl: string;
  readonly functions: readonly string[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function indexSite(data: MoodleDataset): SiteIndex {
  return {
    courseById: new Map(data.courses.map((c) => [c.id, c] as const)),
    userById: new Map(data.users.map((u) => [u.id, u] as const)),
    enrolmentsByUser: groupBy(data.enrolments, (e) => e.userId),
    enrolmentsByCourse: groupBy(data.enrolments, (e) => e.courseId),
    issuedByUser: groupBy(data.issued, (i) => i.userId),
    badgeById: new Map(data.badges.map((b) => [b.id, b] as const)),
  };
}

/**
 * What `enrol_get_users_courses($userid, true)` lists (lib/enrollib.php): active enrolments only, and no
 * course hidden from that learner (none of the simulated learners may view hidden courses), site course
 * excluded; ordered like `enrol_get_courses_sortingsql` by default (visible first, then sort order).
 */
export function activeVisibleCourses(site: SiteContext, userId: number): SimCourse[] {
  const now = Date.now() / 1000;
  return (site.index.enrolmentsByUser.get(userId) ?? [])
    .filter((e) => isActive(e, now))
    .map((e) => site.index.courseById.get(e.courseId))
    .filter((c): c is SimCourse => c !== undefined && c.visible === 1)
    .sort((a, b) => a.id - b.id);
}
