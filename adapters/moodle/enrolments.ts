import type { EnrollmentRecord } from '../core/records.js';
import type { MoodleCatalogue } from './catalogue.js';
import type { MoodleClient } from './client.js';
import type { MoodleCourseDto, MoodleUserCourseDto } from './dto.js';
import { isSiteCourse, isVisible } from './mapper.js';
import { courseMembership, walkRoster } from './roster.js';
import {
  type CompletionFacts,
  completionDate,
  completionOfStatus,
  completionOfUserCourse,
  type EnrolmentFacts,
  mapEnrolment,
} from './status.js';

const HIDDEN_WHY = 'progress not readable (course hidden from the learner)';
const enabled = (dto: MoodleCourseDto) => dto.enablecompletion === true || dto.enablecompletion === 1;

/**
 * Enrolments as Moodle really holds them. `core_enrol_get_users_courses` answers only active enrolments in
 * courses the learner may see (enrol_get_users_courses($userid, true), lib/enrollib.php); the rest, kept on
 * transcripts, come from course rosters (`core_enrol_get_enrolled_users`: everyone, and `onlysuspended`
 * for those with no active enrolment). Completion dates come from one completion-status call per
 * completed enrolment (completion/classes/external.php). Calls are listed in the README's Moodle section.
 */
export function createMoodleEnrolments(
  client: MoodleClient,
  catalogue: MoodleCatalogue,
  options: { readonly pageSize: number; readonly transcripts: 'complete' | 'active' },
) {
  const { pageSize } = options;
  /** One users_courses item as facts; its completion date costs a completion-status call when completed. */
  async function fromUserCourse(userId: number, dto: MoodleUserCourseDto): Promise<EnrolmentFacts> {
    const completion = completionOfUserCourse(dto);
    const completedAt =
      completion.state === 'tracked' && completion.completed
        ? completionDate(await client.getCourseCompletionStatus(dto.id, userId))
        : null;
    return {
      userId,
      courseId: dto.id,
      active: true,
      accessed: (dto.lastaccess ?? 0) > 0,
      completion: completion.state === 'tracked' ? { ...completion, completedAt } : completion,
    };
  }

  /** An active enrolment the learner's own course list leaves out (hidden course): completion status only. */
  async function fromStatus(userId: number, course: MoodleCourseDto, accessed: boolean): Promise<EnrolmentFacts> {
    const completion: CompletionFacts = enabled(course)
      ? completionOfStatus(await client.getCourseCompletionStatus(course.id, userId))
      : { state: 'off' };
    const adjusted =
      completion.state === 'tracked' && !completion.completed
        ? { state: 'unknown' as const, why: HIDDEN_WHY }
        : completion;
    return { userId, courseId: course.id, active: true, accessed, completion: adjusted };
  }

  const inactiveFacts = (userId: number, courseId: number, lastcourseaccess: number): EnrolmentFacts => ({
    userId,
    courseId,
    active: false,
    accessed: lastcourseaccess > 0,
    completion: { state: 'unknown', why: 'enrolment not active' },
  });

  /** Everything one course's rosters say about the given learners (all of them when `only` is absent). */
  async function courseFacts(course: MoodleCourseDto, only?: ReadonlySet<number>): Promise<EnrolmentFacts[]> {
    const membership = await courseMembership(client, course.id, pageSize);
    const wanted = [...membership.all.values()].filter((e) => !only || only.has(e.userId));
    return Promise.all(
      wanted.map(async (entry) => {
        if (membership.inactive.has(entry.userId)) {
          return inactiveFacts(entry.userId, course.id, entry.lastcourseaccess);
        }
        if (!isVisible(course.visible)) return fromStatus(entry.userId, course, entry.lastcourseaccess > 0);
        if (!enabled(course)) {
          return {
            userId: entry.userId,
            courseId: course.id,
            active: true,
            accessed: entry.lastcourseaccess > 0,
            completion: { state: 'off' },
          } satisfies EnrolmentFacts;
        }
        const mine = (await client.getUsersCourses(entry.userId)).find((dto) => dto.id === course.id);
        return mine ? fromUserCourse(entry.userId, mine) : fromStatus(entry.userId, course, entry.lastcourseaccess > 0);
      }),
    );
  }

  /**
   * Learners' transcripts: their own course lists (1 call each), then for every course the rosters that
   * can hold what those lists leave out: the inactive roster of each visible course, and both rosters of
   * each hidden course; plus one completion-status call per completed or hidden-course enrolment. With
   * `transcripts: active`, the learners' own lists only.
   */
  async function byLearners(userIds: readonly number[]): Promise<EnrollmentRecord[]> {
    const own = await Promise.all(userIds.map(async (id) => [id, await client.getUsersCourses(id)] as const));
    const facts = await Promise.all(own.flatMap(([id, list]) => list.map((dto) => fromUserCourse(id, dto))));
    if (options.transcripts === 'active') return facts.map(mapEnrolment);
    const courses = (await catalogue.all()).filter((c) => !isSiteCourse(c));
    const listed = new Map(own.map(([id, list]) => [id, new Set(list.map((c) => c.id))] as const));
    const wanted = new Set(userIds);
    const missing = await Promise.all(
      courses.map(async (course) => {
        // A course every learner has in their own list holds nothing more for them.
        if (userIds.every((id) => listed.get(id)?.has(course.id))) return [];
        if (!isVisible(course.visible)) return courseFacts(course, wanted);
        const inactive = await walkRoster(client, course.id, 'inactive', pageSize);
        return [...inactive.values()]
          .filter((e) => wanted.has(e.userId))
          .map((e) => inactiveFacts(e.userId, course.id, e.lastcourseaccess));
      }),
    );
    return [...facts, ...missing.flat()].map(mapEnrolment);
  }

  /** A course's enrolments: both rosters, then each active participant's completion (README: calls). */
  async function byCourse(courseId: number): Promise<EnrollmentRecord[]> {
    const course = (await catalogue.byIds([courseId])).get(courseId);
    if (!course || isSiteCourse(course)) return [];
    return (await courseFacts(course)).map(mapEnrolment);
  }

  /** Enrolments by `<userId>-<courseId>`: the learner's own list first, the course rosters for the rest. */
  async function byIds(pairs: readonly (readonly [number, number])[]): Promise<EnrollmentRecord[]> {
    const users = [...new Set(pairs.map(([u]) => u))];
    const own = new Map(await Promise.all(users.map(async (id) => [id, await client.getUsersCourses(id)] as const)));
    const found: Promise<EnrolmentFacts>[] = [];
    const rest = new Map<number, Set<number>>();
    for (const [userId, courseId] of pairs) {
      const dto = own.get(userId)?.find((c) => c.id === courseId);
      if (dto) found.push(fromUserCourse(userId, dto));
      else rest.set(courseId, (rest.get(courseId) ?? new Set()).add(userId));
    }
    const courses = await catalogue.byIds([...rest.keys()]);
    const fromRosters = await Promise.all(
      [...rest].map(([courseId, userIds]) => {
        const course = courses.get(courseId);
        return course && !isSiteCourse(course) ? courseFacts(course, userIds) : Promise.resolve([]);
      }),
    );
    return [...(await Promise.all(found)), ...fromRosters.flat()].map(mapEnrolment);
  }

  return { byLearners, byCourse, byIds };
}

export type MoodleEnrolments = ReturnType<typeof createMoodleEnrolments>;
