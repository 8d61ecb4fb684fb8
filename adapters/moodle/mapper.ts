import { CourseFormat, CourseVisibility, CredentialKind } from '../../schema/model/enums.js';
import { normaliseEmail } from '../core/query.js';
import type { CourseRecord, CredentialRecord, LearnerRecord } from '../core/records.js';
import type { MoodleBadgeDto, MoodleCourseDto, MoodleCustomFieldDto, MoodleUserDto } from './dto.js';
import { fromMoodleTime, moodleLangToBcp47, resolveMultilang, summaryToText } from './text.js';

/** What the pure mappers need to know about the site. */
export interface MoodleMapContext {
  /** Site root without trailing slash. */
  readonly siteUrl: string;
  readonly language: string;
  readonly visibleAs: CourseVisibility.PUBLIC | CourseVisibility.INTERNAL;
  /**
   * The site's language (`core_webservice_get_site_info` `lang`), for courses that force none: Moodle
   * answers `lang: ""` both for "no forced language" and for a forced pack the site lacks (PARAM_LANG).
   */
  readonly siteLanguage: string | null;
}

/** The front page is a course too: id 1 with format `site`, returned by get_courses (§1.3.1, §1.4a). */
export function isSiteCourse(dto: MoodleCourseDto): boolean {
  return dto.format === 'site' || dto.id === 1;
}

/**
 * A custom field's text. `value` first: for a select or multi-select field `valueraw` is the option index
 * ("3" or "0,4"), `value` the labels; an empty field is `valueraw: ""`, `value: null` (course/externallib.php,
 * customfield export_instance_data); a site without custom fields sends no `customfields` at all.
 */
export function customFieldText(dto: MoodleCourseDto, shortname: string): string {
  const wanted = shortname.toLowerCase();
  const field = dto.customfields?.find((f: MoodleCustomFieldDto) => f.shortname.toLowerCase() === wanted);
  const value = field?.value ?? field?.valueraw;
  return value === null || value === undefined ? '' : String(value);
}

/** SDG numbers in free text, e.g. "4,5,16" or "SDG 4; SDG 13": numbers 1–17, unique, ascending. */
export function parseSdgs(raw: string): number[] {
  const numbers = [...raw.matchAll(/\d+/g)].map((m) => Number(m[0])).filter((n) => n >= 1 && n <= 17);
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/** The goal numbers captured (group 1) by every match of `pattern` in `text`; 1–17, unique, ascending. */
export function sdgsByPattern(text: string, pattern: RegExp): number[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  const numbers = [...text.matchAll(global)].map((m) => Number(m[1])).filter((n) => n >= 1 && n <= 17);
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
export function isVisible(visible: number | boolean | undefined): boolean {
  return visible === undefined || visible === true || (typeof visible === 'number' && visible !== 0);
}

/**
 * One catalogue course; null for the site front page, which is not a course anyone takes. `sdgs` come from
 * the agency's chosen source (sdg.ts). The language falls back to the site's when the course has none.
 */
export function mapCourse(dto: MoodleCourseDto, ctx: MoodleMapContext, sdgs: readonly number[]): CourseRecord | null {
  if (isSiteCourse(dto)) return null;
  // Moodle has no course duration; sites that track one use a `duration` custom field in minutes.
  const duration = Number.parseInt(customFieldText(dto, 'duration'), 10);
  const title = resolveMultilang(dto.fullname, ctx.language) || dto.shortname;
  return {
    localId: String(dto.id),
    sourceId: dto.shortname,
    title,
    summary: summaryToText(dto.summary, dto.summaryformat, ctx.language),
    language: moodleLangToBcp47(dto.lang) ?? moodleLangToBcp47(ctx.siteLanguage ?? undefined),
    sdgs: [...sdgs],
    topics: parseTopics(customFieldText(dto, 'topics'), ctx.language),
    format: mapCourseFormat(dto.format),
    durationMinutes: Number.isFinite(duration) && duration > 0 ? duration : null,
    url: `${ctx.siteUrl}/course/view.php?id=${dto.id}`,
    startsAt: fromMoodleTime(dto.startdate),
    endsAt: fromMoodleTime(dto.enddate),
    updatedAt: fromMoodleTime(dto.timemodified),
    visibility: isVisible(dto.visible) ? ctx.visibleAs : CourseVisibility.HIDDEN,
  };
}

/**
 * A user; `email` is omitted when the service user may not see it (§1.3.4). Moodle keeps addresses as
 * typed; records carry them lower-cased, as every adapter does (records.ts).
 */
export function mapUser(dto: MoodleUserDto): LearnerRecord {
  const name = dto.fullname?.trim() || [dto.firstname, dto.lastname].filter(Boolean).join(' ');
  return {
    localId: String(dto.id),
    displayName: name || dto.username || String(dto.id),
    email: dto.email?.trim() ? normaliseEmail(dto.email) : null,
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
