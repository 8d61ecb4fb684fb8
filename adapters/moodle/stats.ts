import { LmsError } from '../core/errors.js';
import { computeStats } from '../core/query.js';
import type { CourseRecord, CredentialRecord, EnrollmentRecord, StatsQuery, StatsRecord } from '../core/records.js';
import type { MoodleClient } from './client.js';
import { type MoodleMapContext, mapBadge, mapUserCourse } from './mapper.js';

/** Page size for `core_enrol_get_enrolled_users` (`limitnumber`, §1.4a). */
const ENROLLED_PAGE = 500;

async function enrolledUserIds(client: MoodleClient, courseId: number): Promise<number[]> {
  const ids: number[] = [];
  for (let from = 0; ; from += ENROLLED_PAGE) {
    const page = await client.getEnrolledUsers(courseId, from, ENROLLED_PAGE);
    ids.push(...page.map((user) => user.id));
    if (page.length < ENROLLED_PAGE) return ids;
  }
}

/** An unknown user answers `invaliduser` (§1.4a), i.e. LMS_NOT_FOUND: nothing to count. */
export async function badgesOrNone(client: MoodleClient, userId: number) {
  try {
    return (await client.getUserBadges(userId)).badges;
  } catch (error) {
    if (error instanceof LmsError && error.code === 'LMS_NOT_FOUND') return [];
    throw error;
  }
}

/** These functions carry no enrolment dates (§1.3.2), so any count for a date window would be invented. */
export function refuseDateWindow(query: StatsQuery): void {
  if (query.from || query.to) {
    throw new LmsError(
      'LMS_UNSUPPORTED',
      'Moodle web services expose no enrolment dates, so learning statistics for a date window are unavailable.',
    );
  }
}

/**
 * learningStats for a Moodle site. Moodle has no aggregate function, so this walks the participants of the
 * courses in scope (`core_enrol_get_enrolled_users`, paged), then reads each participant's courses and
 * badges once: C + 2U calls, bounded by the client's concurrency limit. The adapter caches the counts
 * (aggregates, no personal data) for the catalogue TTL. A date window is refused (see above).
 */
export async function computeMoodleStats(
  client: MoodleClient,
  courses: readonly CourseRecord[],
  query: StatsQuery,
  ctx: MoodleMapContext,
): Promise<StatsRecord> {
  refuseDateWindow(query);
  const inScope = courses.filter((c) => !query.sdgs?.length || c.sdgs.some((s) => query.sdgs?.includes(s)));
  const perCourse = await Promise.all(inScope.map((course) => enrolledUserIds(client, Number(course.localId))));
  const userIds = [...new Set(perCourse.flat())];
  const enrollments: EnrollmentRecord[] = [];
  const credentials: CredentialRecord[] = [];
  await Promise.all(
    userIds.map(async (userId) => {
      const [userCourses, badges] = await Promise.all([client.getUsersCourses(userId), badgesOrNone(client, userId)]);
      enrollments.push(...userCourses.map((dto) => mapUserCourse(userId, dto)));
      credentials.push(...badges.map((dto) => mapBadge(userId, dto, ctx)));
    }),
  );
  return computeStats(courses, enrollments, credentials, query);
}
