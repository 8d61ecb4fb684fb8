import { EnrollmentStatus } from '../../schema/model/enums.js';
import type { EnrollmentRecord } from '../core/records.js';
import type { CompletionAnswer } from './client.js';
import type { MoodleUserCourseDto } from './dto.js';
import { fromMoodleTime } from './text.js';

/**
 * What Moodle's web services tell about one enrolment, gathered from whichever functions answered:
 * `core_enrol_get_users_courses` (active enrolments in courses the learner may see), the course roster
 * (`core_enrol_get_enrolled_users`: every participant, and which have no active enrolment), and
 * `core_completion_get_course_completion_status` (completion and criterion times).
 */
export interface EnrolmentFacts {
  readonly userId: number;
  readonly courseId: number;
  /** An active enrolment: not suspended, started, not ended (get_enrolled_join, lib/enrollib.php). */
  readonly active: boolean;
  /** Entered the course at least once (`lastaccess` / `lastcourseaccess`). */
  readonly accessed: boolean;
  /** What is known of completion; `unknown` for enrolments no function reports completion on. */
  readonly completion: CompletionFacts;
}

export type CompletionFacts =
  | { readonly state: 'unknown'; readonly why: string }
  | { readonly state: 'off' }
  | { readonly state: 'untracked' }
  | {
      readonly state: 'tracked';
      readonly completed: boolean;
      /** null when Moodle has no activity with completion to compute it from. */
      readonly progress: number | null;
      readonly completedAt: Date | null;
    };

export function enrollmentLocalId(userId: number | string, courseId: number | string): string {
  return `${userId}-${courseId}`;
}

/**
 * From `core_enrol_get_users_courses`: `completed` is null when completion is off in the course;
 * `completionusertracked` says whether this person is tracked; `progress` is null also when no activity
 * tracks completion, so null progress alone never means "not tracked" (enrol/externallib.php,
 * completion/classes/progress.php).
 */
export function completionOfUserCourse(dto: MoodleUserCourseDto, completedAt: Date | null = null): CompletionFacts {
  if (dto.enablecompletion === false || dto.completed === null) return { state: 'off' };
  if (dto.completionusertracked === false) return { state: 'untracked' };
  const progress = typeof dto.progress === 'number' ? Math.min(100, Math.max(0, dto.progress)) : null;
  return { state: 'tracked', completed: dto.completed === true, progress, completedAt };
}

/**
 * The completion date from `core_completion_get_course_completion_status`, which has none of its own: the
 * criteria decide (aggregation 1 = all: the last one met; 2 = any: the first one met). Completed without
 * any criterion time (marked complete, §1.4a): no date.
 */
export function completionDate(answer: CompletionAnswer): Date | null {
  if (answer.kind !== 'status' || !answer.dto.completionstatus.completed) return null;
  const times = answer.dto.completionstatus.completions
    .filter((c) => c.complete && typeof c.timecompleted === 'number' && c.timecompleted > 0)
    .map((c) => c.timecompleted as number);
  if (times.length === 0) return null;
  return fromMoodleTime(answer.dto.completionstatus.aggregation === 2 ? Math.min(...times) : Math.max(...times));
}

/** Completion facts from the completion-status function alone (no progress figure there). */
export function completionOfStatus(answer: CompletionAnswer): CompletionFacts {
  switch (answer.kind) {
    case 'status':
      return {
        state: 'tracked',
        completed: answer.dto.completionstatus.completed,
        progress: null,
        completedAt: completionDate(answer),
      };
    case 'no-criteria':
      return { state: 'tracked', completed: false, progress: null, completedAt: null };
    case 'not-enabled':
      return { state: 'off' };
    case 'not-tracked':
      return { state: 'untracked' };
  }
}

function qualifier(completion: CompletionFacts): string {
  switch (completion.state) {
    case 'off':
      return 'completion not enabled in this course';
    case 'untracked':
      return 'not tracked by completion (role or enrolment)';
    case 'unknown':
      return completion.why;
    case 'tracked':
      return completion.progress === null ? 'completion tracked, no activity progress' : 'completion tracked';
  }
}

/**
 * The canonical enrolment. WITHDRAWN: no active enrolment (suspended, ended or not started: Moodle's web
 * services do not say which). COMPLETED: tracked and complete. IN_PROGRESS: entered the course, not
 * complete. ENROLLED: never entered. `sourceStatus` says what Moodle actually reported.
 */
export function mapEnrolment(facts: EnrolmentFacts): EnrollmentRecord {
  const base = {
    localId: enrollmentLocalId(facts.userId, facts.courseId),
    learnerLocalId: String(facts.userId),
    courseLocalId: String(facts.courseId),
    // No stock read function returns user_enrolments.timestart (enrol/externallib.php): unknown.
    enrolledAt: null,
    score: null,
  };
  const tracked = facts.completion.state === 'tracked' ? facts.completion : undefined;
  if (!facts.active) {
    return {
      ...base,
      status: EnrollmentStatus.WITHDRAWN,
      sourceStatus: 'enrolment not active (suspended, ended or not yet started)',
      completedAt: null,
      progress: null,
    };
  }
  if (tracked?.completed) {
    return {
      ...base,
      status: EnrollmentStatus.COMPLETED,
      sourceStatus: 'completed',
      completedAt: tracked.completedAt,
      progress: 100,
    };
  }
  const [status, state] = facts.accessed
    ? [EnrollmentStatus.IN_PROGRESS, 'in progress']
    : [EnrollmentStatus.ENROLLED, 'not started'];
  return {
    ...base,
    status,
    sourceStatus: `${state}; ${qualifier(facts.completion)}`,
    completedAt: null,
    progress: tracked?.progress ?? null,
  };
}
