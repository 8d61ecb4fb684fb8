import type { SimBadge, SimCourse, SimEnrolment, SimUser } from './dataset.js';
import { DAY, FAR_FUTURE, HIDDEN_COURSE_ID, NO_CRITERIA_COURSE_ID, POWER_LEARNER, SHARED_PEOPLE } from './seedData.js';

type Rand = () => number;
type Kind = 'completed' | 'progress' | 'new' | 'random';
/** How the enrolment itself stands: active, suspended (`ue.status` 1), ended (`timeend` past), not started yet. */
type Standing = 'active' | 'suspended' | 'ended' | 'future';

function randomStanding(rand: Rand): Standing {
  const roll = rand();
  return roll < 0.05 ? 'suspended' : roll < 0.08 ? 'ended' : roll < 0.09 ? 'future' : 'active';
}

/**
 * The enrolments of the simulated site: every person's courses with completion state, including what
 * `core_enrol_get_users_courses` leaves out (enrol/externallib.php, lib/enrollib.php): enrolments in hidden
 * courses, suspended ones, ones whose end date passed and ones not started yet. Each shared person has one
 * of each, so transcripts can show them.
 */
export function generateEnrolments(
  rand: Rand,
  courses: readonly SimCourse[],
  users: readonly SimUser[],
  badges: readonly SimBadge[],
): SimEnrolment[] {
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const courseById = new Map(courses.map((c) => [c.id, c] as const));
  const taken = new Set<string>();
  const enrolments: SimEnrolment[] = [];

  const enrol = (
    userId: number,
    courseId: number,
    kind: Kind,
    standing: Standing = 'active',
    role: SimEnrolment['role'] = 'student',
  ) => {
    const course = courseById.get(courseId);
    const key = `${userId}:${courseId}`;
    if (!course || taken.has(key)) return;
    taken.add(key);
    const roll = kind === 'random' ? rand() : kind === 'completed' ? 0 : kind === 'progress' ? 0.5 : 0.9;
    const canComplete = role === 'student' && course.enablecompletion && course.hasCriteria;
    const completed = canComplete && roll < 0.3;
    const started = completed || roll < 0.65 || role !== 'student';
    const timestart = standing === 'future' ? FAR_FUTURE : course.timecreated + int(20) * DAY;
    const done = course.trackedActivities;
    enrolments.push({
      userId,
      courseId,
      status: standing === 'suspended' ? 1 : 0,
      timestart,
      timeend: standing === 'ended' ? course.timecreated + (60 + int(60)) * DAY : 0,
      role,
      completed,
      criteriaMet: completed && rand() > 0.1,
      timecompleted: completed ? course.timecreated + (30 + int(300)) * DAY : 0,
      activitiesDone: completed ? done : started && role === 'student' && done > 0 ? int(done) : 0,
      lastcourseaccess: started && standing !== 'future' ? course.timecreated + (1 + int(400)) * DAY : 0,
    });
  };

  const courseCount = courses.length;
  const badgeCourseIds = badges.flatMap((b) => (b.courseId ? [b.courseId] : []));
  const shared = new Set([...SHARED_PEOPLE, POWER_LEARNER].map((p) => p.email));
  for (const user of users) {
    if (user.email === POWER_LEARNER.email) {
      for (const course of courses.slice(0, 110)) enrol(user.id, course.id, 'random');
    } else if (shared.has(user.email)) {
      enrol(user.id, pick(badgeCourseIds), 'completed');
      enrol(user.id, NO_CRITERIA_COURSE_ID, 'progress');
      enrol(user.id, HIDDEN_COURSE_ID, 'progress');
      enrol(user.id, 2 + int(courseCount), 'progress', 'suspended');
      enrol(user.id, 2 + int(courseCount), 'random', 'ended');
      for (let k = 0; k < 3; k += 1) enrol(user.id, 2 + int(courseCount), 'random');
    } else {
      for (let k = int(8); k > 0; k -= 1) enrol(user.id, 2 + int(courseCount), 'random', randomStanding(rand));
    }
  }
  // Some courses have a teacher: enrolled, never tracked by completion.
  for (const course of courses) {
    if (rand() < 0.2) enrol(pick(users).id, course.id, 'new', 'active', 'editingteacher');
  }
  return enrolments;
}

/** `user_enrolments` active now, as get_enrolled_join and enrol_get_all_users_courses test it (lib/enrollib.php). */
export function isActive(e: SimEnrolment, now = Date.now() / 1000): boolean {
  return e.status === 0 && e.timestart < now && (e.timeend === 0 || e.timeend > now);
}
