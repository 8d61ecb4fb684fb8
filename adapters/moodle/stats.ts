import { LmsError } from '../core/errors.js';
import type { StatsQuery, StatsRecord } from '../core/records.js';
import type { MoodleClient } from './client.js';
import type { MoodleConfig } from './config.js';
import type { MoodleCourseDto } from './dto.js';
import { isVisible } from './mapper.js';
import { readBadgeCounts, readCompletions } from './reports.js';
import { type CourseMembership, courseMembership } from './roster.js';

/** An unknown user answers `invaliduser` (§1.4a), i.e. LMS_NOT_FOUND: nothing to count. */
export async function badgesOrNone(client: MoodleClient, userId: number) {
  try {
    return (await client.getUserBadges(userId)).badges;
  } catch (error) {
    if (error instanceof LmsError && error.code === 'LMS_NOT_FOUND') return [];
    throw error;
  }
}

/**
 * Statistics are counted over enrolments in a date window (credentials-and-platforms.md §3.4), and no stock
 * Moodle read function returns when an enrolment started (enrol/externallib.php: neither the learner's course
 * list nor the roster carries `user_enrolments.timestart`): any count for a window would be invented.
 */
export function refuseDateWindow(query: StatsQuery): void {
  if (query.from || query.to) {
    throw new LmsError(
      'LMS_UNSUPPORTED',
      'Moodle web services expose no enrolment dates, so learning statistics for a date window are unavailable.',
    );
  }
}

const enabled = (dto: MoodleCourseDto) => dto.enablecompletion === true || dto.enablecompletion === 1;
type Completed = Map<number, Set<number>>;

/**
 * Completions of active enrolments, learner by learner: each participant's own course list (one call each),
 * and one completion-status call per active participant of a hidden course. For small sites only.
 */
async function walkCompletions(
  client: MoodleClient,
  memberships: readonly CourseMembership[],
  scope: ReadonlyMap<number, MoodleCourseDto>,
): Promise<Completed> {
  const completed: Completed = new Map(memberships.map((m) => [m.courseId, new Set<number>()]));
  const learners = new Set<number>();
  const hidden: [number, number][] = [];
  for (const m of memberships) {
    const course = scope.get(m.courseId) as MoodleCourseDto;
    if (!enabled(course)) continue;
    for (const userId of m.all.keys()) {
      if (m.inactive.has(userId)) continue;
      if (isVisible(course.visible)) learners.add(userId);
      else hidden.push([m.courseId, userId]);
    }
  }
  await Promise.all([
    ...[...learners].map(async (userId) => {
      for (const dto of await client.getUsersCourses(userId)) {
        if (dto.completed === true) completed.get(dto.id)?.add(userId);
      }
    }),
    ...hidden.map(async ([courseId, userId]) => {
      const answer = await client.getCourseCompletionStatus(courseId, userId);
      if (answer.kind === 'status' && answer.dto.completionstatus.completed) completed.get(courseId)?.add(userId);
    }),
  ]);
  return completed;
}

/** Public course badges of the courses in scope, learner by learner (`onlypublic` is forced for others). */
async function walkBadges(client: MoodleClient, memberships: readonly CourseMembership[]): Promise<number> {
  const inScope = new Set(memberships.map((m) => m.courseId));
  const learners = new Set(memberships.flatMap((m) => [...m.all.keys()]));
  const counts = await Promise.all(
    [...learners].map(
      async (userId) =>
        (await badgesOrNone(client, userId)).filter((b) => b.type === 2 && b.courseid && inScope.has(b.courseid))
          .length,
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * learningStats for a Moodle site, counted per course. Each course in scope costs two roster walks
 * (`core_enrol_get_enrolled_users`, everyone and `onlysuspended`, ⌈(n + 1) / rosterPageSize⌉ calls each):
 * enrolments (hidden courses and inactive enrolments included), learners, withdrawn (no active enrolment)
 * and in progress (entered the course). Completions and badges come from the two custom reports when the
 * agency configures them (a few calls for the whole site), else from each participant (2 calls per learner).
 * Definitions: README, Moodle section. Failed is always 0: Moodle has no failed course state.
 */
export async function computeMoodleStats(
  client: MoodleClient,
  courses: readonly MoodleCourseDto[],
  query: StatsQuery,
  config: Pick<MoodleConfig, 'rosterPageSize' | 'reports'>,
): Promise<StatsRecord> {
  refuseDateWindow(query);
  const scope = new Map(courses.map((c) => [c.id, c] as const));
  const reports = config.reports;
  const memberships = await Promise.all(
    courses.map((c) => courseMembership(client, c.id, config.rosterPageSize, reports !== undefined)),
  );
  const [completed, credentialCount] = await Promise.all([
    reports
      ? readCompletions(client, reports.completions, memberships, scope)
      : walkCompletions(client, memberships, scope),
    reports ? readBadgeCounts(client, reports.badges, scope) : walkBadges(client, memberships),
  ]);
  let enrollmentCount = 0;
  let withdrawnCount = 0;
  let completedCount = 0;
  let inProgressCount = 0;
  const learners = new Set<number>();
  for (const m of memberships) {
    const done = completed.get(m.courseId) ?? new Set<number>();
    for (const entry of m.all.values()) {
      learners.add(entry.userId);
      enrollmentCount += 1;
      if (m.inactive.has(entry.userId)) withdrawnCount += 1;
      else if (done.has(entry.userId)) completedCount += 1;
      else if (entry.lastcourseaccess > 0) inProgressCount += 1;
    }
  }
  return {
    courseCount: courses.length,
    learnerCount: learners.size,
    enrollmentCount,
    completedCount,
    inProgressCount,
    failedCount: 0,
    withdrawnCount,
    credentialCount,
  };
}
