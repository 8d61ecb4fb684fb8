import type { MoodleClient, RosterFilter } from './client.js';

/** One participant of a course as the roster lists them. */
export interface RosterEntry {
  readonly userId: number;
  /** Last visit to the course, 0 when never. */
  readonly lastcourseaccess: number;
  readonly username?: string;
}

/** Who takes part in a course, and which of them have no active enrolment. */
export interface CourseMembership {
  readonly courseId: number;
  /** Every participant, whatever the state of their enrolment. */
  readonly all: ReadonlyMap<number, RosterEntry>;
  /** Participants with no active enrolment: suspended, ended or not started (`onlysuspended`). */
  readonly inactive: ReadonlySet<number>;
}

/** Small rows: only what is counted (`userfields`; Moodle adds `fullname` on its own). */
const FIELDS = ['id', 'lastcourseaccess'];

/**
 * Every participant of a course matching `filter`, walking `core_enrol_get_enrolled_users` pages of
 * `pageSize` (`limitfrom`/`limitnumber`, ordered by user id) until a short page: ⌈(n + 1) / pageSize⌉
 * calls for n participants. A person listed twice (the roster changed between pages) counts once.
 */
export async function walkRoster(
  client: MoodleClient,
  courseId: number,
  filter: RosterFilter,
  pageSize: number,
  withUsernames = false,
): Promise<Map<number, RosterEntry>> {
  const entries = new Map<number, RosterEntry>();
  const fields = withUsernames ? [...FIELDS, 'username'] : FIELDS;
  for (let from = 0; ; from += pageSize) {
    const page = await client.getEnrolledUsers(courseId, { filter, from, limit: pageSize }, fields);
    for (const user of page) {
      entries.set(user.id, {
        userId: user.id,
        lastcourseaccess: user.lastcourseaccess ?? 0,
        ...(user.username ? { username: user.username } : {}),
      });
    }
    if (page.length < pageSize) return entries;
  }
}

/** A course's participants and its inactive ones: two roster walks, run together. */
export async function courseMembership(
  client: MoodleClient,
  courseId: number,
  pageSize: number,
  withUsernames = false,
): Promise<CourseMembership> {
  const [all, inactive] = await Promise.all([
    walkRoster(client, courseId, 'all', pageSize, withUsernames),
    walkRoster(client, courseId, 'inactive', pageSize),
  ]);
  return { courseId, all, inactive: new Set(inactive.keys()) };
}
