import { EnrollmentStatus } from '../../schema/model/enums.js';
import { normaliseSortText } from '../../schema/ordering.js';
import type {
  CourseQuery,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  StatsQuery,
  StatsRecord,
} from './records.js';

/** E-mail addresses are matched case-insensitively (Moodle stores them as typed; lms-apis.md §1.3.4). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** BCP 47 prefix match: `fr` matches `fr` and `fr-CA`. */
export function languageMatches(language: string | null, wanted: readonly string[]): boolean {
  if (!language) return false;
  const tag = language.toLowerCase();
  return wanted.some((want) => {
    const w = want.toLowerCase();
    return tag === w || tag.startsWith(`${w}-`);
  });
}

/** The canonical catalogue filter, for adapters that filter in memory. */
export function matchesCourseQuery(course: CourseRecord, query: CourseQuery): boolean {
  if (query.sdgs?.length && !course.sdgs.some((sdg) => query.sdgs?.includes(sdg))) return false;
  if (query.languages?.length && !languageMatches(course.language, query.languages)) return false;
  if (query.updatedSince && (!course.updatedAt || course.updatedAt < query.updatedSince)) return false;
  if (query.text) {
    const haystack = normaliseSortText(
      [course.title, course.summary ?? '', course.sourceId, ...course.topics].join(' '),
    );
    const words = normaliseSortText(query.text).split(/\s+/).filter(Boolean);
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

function within(date: Date | null, from?: Date, to?: Date): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

/**
 * learningStats counts from records (for adapters that hold the data in memory). The cohort is the
 * enrolments in the window, on courses matching the SDG filter (credentials-and-platforms.md §3.4).
 */
export function computeStats(
  courses: readonly CourseRecord[],
  enrollments: readonly EnrollmentRecord[],
  credentials: readonly CredentialRecord[],
  query: StatsQuery,
): StatsRecord {
  const inScope = new Set(
    courses.filter((c) => !query.sdgs?.length || c.sdgs.some((s) => query.sdgs?.includes(s))).map((c) => c.localId),
  );
  const cohort = enrollments.filter((e) => inScope.has(e.courseLocalId) && within(e.enrolledAt, query.from, query.to));
  const count = (status: EnrollmentStatus) => cohort.filter((e) => e.status === status).length;
  return {
    courseCount: inScope.size,
    learnerCount: new Set(cohort.map((e) => e.learnerLocalId)).size,
    enrollmentCount: cohort.length,
    completedCount: count(EnrollmentStatus.COMPLETED),
    inProgressCount: count(EnrollmentStatus.IN_PROGRESS),
    failedCount: count(EnrollmentStatus.FAILED),
    withdrawnCount: count(EnrollmentStatus.WITHDRAWN),
    credentialCount: credentials.filter(
      (c) => (c.courseLocalId === null || inScope.has(c.courseLocalId)) && within(c.issuedAt, query.from, query.to),
    ).length,
  };
}
