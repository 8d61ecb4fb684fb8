import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../schema/model/enums.js';
import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../core/records.js';
import type {
  MoodleBadgeDto,
  MoodleCompletionStatusDto,
  MoodleCourseDto,
  MoodleCustomFieldDto,
  MoodleUserCourseDto,
  MoodleUserDto,
} from './dto.js';
import { fromMoodleTime, moodleLangToBcp47, resolveMultilang, summaryToText } from './text.js';

/** What the pure mappers need to know about the site. */
export interface MoodleMapContext {
  /** Site root without trailing slash. */
  readonly siteUrl: string;
  readonly language: string;
  readonly visibleAs: CourseVisibility.PUBLIC | CourseVisibility.INTERNAL;
}

/** The front page is a course too: id 1 with format `site`, returned by get_courses (§1.3.1, §1.4a). */
export function isSiteCourse(dto: MoodleCourseDto): boolean {
  return dto.format === 'site' || dto.id === 1;
}

function customField(dto: MoodleCourseDto, shortname: string): string {
  const field = dto.customfields?.find((f: MoodleCustomFieldDto) => f.shortname.toLowerCase() === shortname);
  const value = field?.valueraw ?? field?.value;
  return value === null || value === undefined ? '' : String(value);
}

/** SDG custom field, e.g. "4,5,16" or "SDG 4; SDG 13": numbers 1–17, unique, ascending. */
export function parseSdgs(raw: string): number[] {
  const numbers = [...raw.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((n) => n >= 1 && n <= 17);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

function parseTopics(raw: string, language: string): string[] {
  return resolveMultilang(raw, language)
    .split(/[,;|\n]/)
    .map((topic) => topic.trim())
    .filter(Boolean);
}

/**
 * Moodle course formats describe page layout, not delivery; this is the closest canonical reading:
 * `topics` and `singleactivity` (one SCORM/H5P) are self-paced, `weeks` runs to a calendar with a cohort,
 * `social` is a discussion forum.
 */
export function mapCourseFormat(format: string | undefined): CourseFormat {
  switch (format) {
    case 'topics':
    case 'singleactivity':
      return CourseFormat.SELF_PACED;
    case 'weeks':
      return CourseFormat.INSTRUCTOR_LED;
    default:
      return CourseFormat.OTHER;
  }
}

/** `visible` is 0/1 in get_courses and may be a boolean elsewhere (§1.4). */
function isVisible(visible: number | boolean | undefined): boolean {
  return visible === undefined || visible === true || (typeof visible === 'number' && visible !== 0);
}

/** One catalogue course; null for the site front page, which is not a course anyone takes. */
export function mapCourse(dto: MoodleCourseDto, ctx: MoodleMapContext): CourseRecord | null {
  if (isSiteCourse(dto)) return null;
  // Moodle has no course duration; sites that track one use a `duration` custom field in minutes.
  const duration = Number.parseInt(customField(dto, 'duration'), 10);
  const title = resolveMultilang(dto.fullname, ctx.language) || dto.shortname;
  return {
    localId: String(dto.id),
    sourceId: dto.shortname,
    title,
    summary: summaryToText(dto.summary, dto.summaryformat, ctx.language),
    language: moodleLangToBcp47(dto.lang),
    sdgs: parseSdgs(customField(dto, 'sdgs')),
    topics: parseTopics(customField(dto, 'topics'), ctx.language),
    format: mapCourseFormat(dto.format),
    durationMinutes: Number.isFinite(duration) && duration > 0 ? duration : null,
    url: `${ctx.siteUrl}/course/view.php?id=${dto.id}`,
    startsAt: fromMoodleTime(dto.startdate),
    endsAt: fromMoodleTime(dto.enddate),
    updatedAt: fromMoodleTime(dto.timemodified),
    visibility: isVisible(dto.visible) ? ctx.visibleAs : CourseVisibility.HIDDEN,
  };
}

export function mapCourses(dtos: readonly MoodleCourseDto[], ctx: MoodleMapContext): CourseRecord[] {
  return dtos.map((dto) => mapCourse(dto, ctx)).filter((c): c is CourseRecord => c !== null);
}

export function enrollmentLocalId(userId: number | string, courseId: number | string): string {
  return `${userId}-${courseId}`;
}

/**
 * One enrolment from `core_enrol_get_users_courses` (§1.3.2, §1.4a): `completed` and `progress` (null
 * when completion is not tracked) are all it says. It has no enrolment or completion date, so both are
 * null; fetching them would cost one completion-status call per course (N+1).
 */
export function mapUserCourse(userId: number, dto: MoodleUserCourseDto): EnrollmentRecord {
  const progress = typeof dto.progress === 'number' ? Math.min(100, Math.max(0, dto.progress)) : null;
  const [status, sourceStatus] = dto.completed
    ? [EnrollmentStatus.COMPLETED, 'completed']
    : progress === null
      ? [EnrollmentStatus.ENROLLED, 'enrolled, completion not tracked']
      : progress > 0
        ? [EnrollmentStatus.IN_PROGRESS, 'in progress']
        : [EnrollmentStatus.ENROLLED, 'not started'];
  return {
    localId: enrollmentLocalId(userId, dto.id),
    learnerLocalId: String(userId),
    courseLocalId: String(dto.id),
    status,
    sourceStatus,
    enrolledAt: null,
    completedAt: null,
    progress: dto.completed && progress === null ? 100 : progress,
    score: null,
  };
}

/** Completion from `core_completion_get_course_completion_status`; `nocriteriaset` means "not tracked". */
export interface MoodleCompletion {
  readonly tracked: boolean;
  readonly completed: boolean;
  /** Latest `timecompleted` of the complete criteria; null when none carries one (§1.4a). */
  readonly completedAt: Date | null;
}

/** The errorcode of a course without completion criteria: "not tracked", not a failure (§1.3.3, §1.4a). */
export const NO_CRITERIA_CODE = 'nocriteriaset';

/** `dto` is null when the call answered `nocriteriaset` (the client turns that envelope into null). */
export function mapCompletionStatus(dto: MoodleCompletionStatusDto | null): MoodleCompletion {
  if (dto === null) return { tracked: false, completed: false, completedAt: null };
  const times = dto.completionstatus.completions
    .filter((c) => c.complete && typeof c.timecompleted === 'number' && c.timecompleted > 0)
    .map((c) => c.timecompleted as number);
  const completed = dto.completionstatus.completed;
  // Marked complete without meeting any criterion: completed, but no date is available (§1.4a).
  return { tracked: true, completed, completedAt: completed ? fromMoodleTime(Math.max(0, ...times)) : null };
}

/** A user; `email` is omitted when the service user may not see it (§1.3.4). */
export function mapUser(dto: MoodleUserDto): LearnerRecord {
  const name = dto.fullname?.trim() || [dto.firstname, dto.lastname].filter(Boolean).join(' ');
  return {
    localId: String(dto.id),
    displayName: name || dto.username || String(dto.id),
    email: dto.email ? dto.email.trim().toLowerCase() : null,
    indexNumber: dto.idnumber?.trim() || null,
  };
}

export function credentialLocalId(userId: number | string, uniquehash: string): string {
  return `${userId}-${uniquehash}`;
}

/** An issued badge (§1.3.5): the core credential of Moodle; `dateexpire` is null when it never expires. */
export function mapBadge(userId: number, dto: MoodleBadgeDto, ctx: MoodleMapContext): CredentialRecord {
  const hash = encodeURIComponent(dto.uniquehash);
  return {
    localId: credentialLocalId(userId, dto.uniquehash),
    learnerLocalId: String(userId),
    // type 2 = course badge, 1 = site badge (courseid absent or null).
    courseLocalId: dto.type === 2 && dto.courseid ? String(dto.courseid) : null,
    kind: CredentialKind.BADGE,
    title: resolveMultilang(dto.name, ctx.language),
    issuer: dto.issuername,
    issuedAt: fromMoodleTime(dto.dateissued),
    expiresAt: fromMoodleTime(dto.dateexpire),
    verificationUrl: `${ctx.siteUrl}/badges/badge.php?hash=${hash}`,
    // The hosted Open Badges 2.0 assertion's public URL (lms-apis.md §1.3.5), not its JSON: fetching it per
    // badge would cost a call per credential, and a verifier fetches it anyway (the hosted copy is authoritative).
    assertion: `${ctx.siteUrl}/badges/assertion.php?b=${hash}&obversion=2`,
  };
}
