import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../schema/model/enums.js';
import { normaliseEmail } from '../core/query.js';
import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../core/records.js';
import {
  type CsodCatalogItemDto,
  type CsodEmployeeDto,
  type CsodReportCertificationDto,
  type CsodReportTranscriptDto,
  type CsodReportUserDto,
  type CsodStatusGroup,
  type CsodTranscriptDto,
  type CsodTranscriptSearchItemDto,
  STATUS_GROUP_IDS,
} from './dto.js';

/**
 * CSOD timestamps come as `…+0000`, `…Z` with 7 fraction digits, `…` without offset (portal time, taken
 * as UTC) or date only (§2.6, §4.3). JS `Date` is only reliable with ≤ 3 fraction digits and `+00:00`.
 */
export function parseCsodDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(
    value.trim(),
  );
  if (!match) return null;
  const [, day, time = '00:00:00', fraction = '', offset = 'Z'] = match;
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const zone = offset.toUpperCase() === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  const date = new Date(`${day}T${time.length === 5 ? `${time}:00` : time}.${millis}${zone}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const GROUP_BY_ID = new Map<number, CsodStatusGroup>(
  Object.entries(STATUS_GROUP_IDS).map(([name, id]) => [id, name as CsodStatusGroup]),
);

const CANONICAL: Record<CsodStatusGroup, EnrollmentStatus> = {
  Completed: EnrollmentStatus.COMPLETED,
  InProgress: EnrollmentStatus.IN_PROGRESS,
  NotStarted: EnrollmentStatus.ENROLLED,
  Failed: EnrollmentStatus.FAILED,
  Withdrawn: EnrollmentStatus.WITHDRAWN,
  Cancelled: EnrollmentStatus.WITHDRAWN,
};

/** Group names as CSOD spells them in `statusGroups` and a few aliases ("Registered", "In Progress"). */
function groupOfName(name: string): CsodStatusGroup | undefined {
  const key = name.replace(/[\s_-]/g, '').toLowerCase();
  if (key === 'registered') return 'NotStarted';
  if (key === 'canceled') return 'Cancelled';
  return (Object.keys(STATUS_GROUP_IDS) as CsodStatusGroup[]).find((group) => group.toLowerCase() === key);
}

/**
 * Canonical status from the status group (id or name), never from the label: labels are localized
 * (§2.6). An unknown group is reported as a bad response rather than guessed.
 */
export function statusFromGroup(group: number | string | null | undefined): EnrollmentStatus | null {
  if (group === null || group === undefined) return null;
  const name = typeof group === 'number' ? GROUP_BY_ID.get(group) : groupOfName(group);
  return name ? CANONICAL[name] : null;
}

/** Scores are strings in legacy payloads ("85") and numbers elsewhere (§2.6). */
export function parseScore(value: number | string | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const score = typeof value === 'number' ? value : Number(value.replace(',', '.'));
  return Number.isFinite(score) ? score : null;
}

/** "hh:mm:ss" (or "hh:mm") to minutes. */
export function parseDuration(value: string | null | undefined): number | null {
  const match = value ? /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(value.trim()) : null;
  if (!match) return null;
  return Number(match[1]) * 60 + Number(match[2]) + Math.round(Number(match[3] ?? 0) / 60);
}

const FORMAT_BY_TYPE: ReadonlyArray<readonly [RegExp, CourseFormat]> = [
  [/curricul/i, CourseFormat.CURRICULUM],
  [/video/i, CourseFormat.VIDEO],
  [/virtual|webinar/i, CourseFormat.VIRTUAL_CLASSROOM],
  [/event|session|instructor|ilt|classroom/i, CourseFormat.INSTRUCTOR_LED],
  [/online|e-?learning|material|test|assessment/i, CourseFormat.SELF_PACED],
];

/** Training types are labels too; the English type names are the documented ones (§2.4.1b, §2.4.2a). */
export function formatOfType(type: string | null | undefined): CourseFormat {
  return FORMAT_BY_TYPE.find(([pattern]) => type && pattern.test(type))?.[1] ?? CourseFormat.OTHER;
}

export function mapCatalogItem(item: CsodCatalogItemDto, portalUrl: string): CourseRecord {
  const subjects = item.Subjects ?? [];
  const sdgs = subjects
    .map((subject) => /^SDG\s*(\d{1,2})\b/i.exec(subject)?.[1])
    .map(Number)
    .filter((n) => Number.isInteger(n) && n >= 1 && n <= 17);
  // DeepLinkURL is a URL-encoded path relative to the portal (§2.4.1a, §4.1).
  const deepLink = item.DeepLinkURL ? decodeURIComponent(item.DeepLinkURL) : null;
  return {
    localId: item.ObjectId,
    sourceId: item.LoRef || item.ObjectId,
    title: item.Title,
    summary: item.Descr || null,
    language: item.Language || null,
    sdgs: [...new Set(sdgs)],
    topics: subjects.filter((subject) => !/^SDG\s*\d/i.test(subject)),
    format: formatOfType(item.Type),
    durationMinutes: parseDuration(item.Duration),
    url: deepLink ? new URL(deepLink, portalUrl).toString() : null,
    startsAt: parseCsodDate(item.StartDate),
    endsAt: parseCsodDate(item.EndDate),
    updatedAt: parseCsodDate(item.ModifiedDate),
    visibility:
      item.Active === false
        ? CourseVisibility.HIDDEN
        : item.AvailableToAll
          ? CourseVisibility.PUBLIC
          : CourseVisibility.INTERNAL,
  };
}

function displayName(first?: string | null, last?: string | null, fallback?: string | null): string {
  return [first, last].filter(Boolean).join(' ') || fallback || '';
}

/** The agency's employee id (`externalId`, "User ID") is the UN index number. */
export function mapEmployee(employee: CsodEmployeeDto): LearnerRecord {
  return {
    localId: String(employee.id),
    displayName: displayName(employee.firstName, employee.lastName, employee.userName),
    email: employee.primaryEmail ? normaliseEmail(employee.primaryEmail) : null,
    indexNumber: employee.externalId || null,
  };
}

export function mapReportUser(row: CsodReportUserDto): LearnerRecord {
  return {
    localId: String(row.user_id),
    displayName: displayName(row.user_name_first, row.user_name_last, row.user_ref),
    email: row.user_email ? normaliseEmail(row.user_email) : null,
    indexNumber: row.user_ref || null,
  };
}

export const enrollmentId = (userId: string | number, loId: string): string => `${userId}:${loId}`;

/** One transcript item; null when its status group is unknown (the caller reports it). */
export function mapTranscript(userId: string, item: CsodTranscriptDto): EnrollmentRecord | null {
  const status = statusFromGroup(item.statusGroupId ?? item.statusGroup);
  if (!status) return null;
  return {
    localId: enrollmentId(userId, item.learningObjectId),
    learnerLocalId: userId,
    courseLocalId: item.learningObjectId,
    status,
    sourceStatus: item.status || item.statusGroup || '',
    enrolledAt: parseCsodDate(item.registrationDate),
    completedAt: parseCsodDate(item.completionDate),
    progress: status === EnrollmentStatus.COMPLETED ? 100 : (item.progress ?? null),
    score: parseScore(item.score),
  };
}

/** A Transcript Search item of the user whose internal id is `userId`; null when its status group is unknown. */
export function mapSearchTranscript(userId: string, item: CsodTranscriptSearchItemDto): EnrollmentRecord | null {
  const status = statusFromGroup(item.StatusGroupId);
  if (!status) return null;
  return {
    localId: enrollmentId(userId, item.LoId),
    learnerLocalId: userId,
    courseLocalId: item.LoId,
    status,
    sourceStatus: item.Status || '',
    enrolledAt: parseCsodDate(item.RegistrationDate),
    completedAt: parseCsodDate(item.CompletionDate),
    progress: status === EnrollmentStatus.COMPLETED ? 100 : (item.PercentComplete ?? null),
    score: parseScore(item.Score),
  };
}

export function mapReportTranscript(row: CsodReportTranscriptDto): EnrollmentRecord | null {
  const status = statusFromGroup(row.user_lo_status_group_id);
  if (!status) return null;
  const group = GROUP_BY_ID.get(row.user_lo_status_group_id ?? -1) ?? '';
  return {
    localId: enrollmentId(row.transc_user_id, row.transc_object_id),
    learnerLocalId: String(row.transc_user_id),
    courseLocalId: row.transc_object_id,
    status,
    sourceStatus: row.user_lo_status || group,
    enrolledAt: parseCsodDate(row.user_lo_reg_dt),
    completedAt: parseCsodDate(row.user_lo_comp_dt),
    progress: row.user_lo_pct_complete ?? null,
    score: row.user_lo_score ?? null,
  };
}

export const credentialId = (userId: string | number, certId: string | number): string => `${userId}:${certId}`;

export function mapCertification(row: CsodReportCertificationDto, issuer: string): CredentialRecord {
  return {
    localId: credentialId(row.user_id, row.user_cert_id),
    learnerLocalId: String(row.user_id),
    courseLocalId: row.cert_lo_object_id || null,
    kind: CredentialKind.CERTIFICATE,
    title: row.cert_title,
    issuer: row.cert_provider || issuer,
    issuedAt: parseCsodDate(row.user_cert_completion_dt),
    expiresAt: parseCsodDate(row.user_cert_expiration_dt),
    verificationUrl: null,
    assertion: null,
  };
}
