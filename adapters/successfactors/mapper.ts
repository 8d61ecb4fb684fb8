import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../schema/model/enums.js';
import { normaliseEmail } from '../core/query.js';
import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../core/records.js';
import type { CatalogCourseDto, HistoryRowDto, SearchItemDto, StudentDto, TodoItemDto } from './dto.js';

/**
 * Epoch values arrive in milliseconds on most tenants but in seconds on some (lms-apis.md §3.5, §4.3):
 * anything above 1e11 is milliseconds (1e11 ms is 1973; 1e11 s would be the year 5138).
 */
export function epochToMs(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value) || value <= 0) return null;
  return value > 1e11 ? value : value * 1000;
}

export function fromSfEpoch(value: number | null | undefined): Date | null {
  const ms = epochToMs(value);
  return ms === null ? null : new Date(ms);
}

// Local ids join parts with `~`; parts are escaped so an id containing `~` cannot be split wrongly.
const escapePart = (part: string) => part.replaceAll('%', '%25').replaceAll('~', '%7E');
const unescapePart = (part: string) => part.replaceAll('%7E', '~').replaceAll('%25', '%');

/** The item key (§3.5), revision date normalised to ms so rows in either unit name the same course. */
export interface ItemKey {
  readonly componentTypeID: string;
  readonly componentID: string;
  readonly revisionMs: number;
}

export function courseLocalId(componentTypeID: string, componentID: string, revisionDate: number): string {
  const revision = epochToMs(revisionDate) ?? revisionDate;
  return `${escapePart(componentTypeID)}~${escapePart(componentID)}~${revision}`;
}

export function parseCourseLocalId(localId: string): ItemKey | null {
  const parts = localId.split('~');
  if (parts.length !== 3 || !/^\d+$/.test(parts[2] ?? '')) return null;
  return {
    componentTypeID: unescapePart(parts[0]!),
    componentID: unescapePart(parts[1]!),
    revisionMs: Number(parts[2]),
  };
}

/** `${studentID}~${courseLocalId}` for enrolments; credentials add the completion time. */
export function learnerScopedId(studentID: string, ...rest: readonly (string | number)[]): string {
  return [escapePart(studentID), ...rest].join('~');
}

/** The student id at the front of an enrolment or credential local id. */
export function studentOf(localId: string): string | null {
  const cut = localId.indexOf('~');
  return cut > 0 ? unescapePart(localId.slice(0, cut)) : null;
}

const LOCALES: Readonly<Record<string, string>> = {
  english: 'en',
  french: 'fr',
  spanish: 'es',
  arabic: 'ar',
  russian: 'ru',
  chinese: 'zh',
  portuguese: 'pt',
  german: 'de',
};

/** Catalogue feeds are per SF locale id (§3.5); the course language is that of the feed. */
export function languageOf(localeId: string): string | null {
  return LOCALES[localeId.toLowerCase()] ?? null;
}

function formatOf(componentTypeID: string, deliveryMethodID: string | null | undefined): CourseFormat {
  if (/curric/i.test(componentTypeID)) return CourseFormat.CURRICULUM;
  const method = (deliveryMethodID ?? '').toUpperCase();
  if (method.includes('VILT') || method.includes('VIRTUAL')) return CourseFormat.VIRTUAL_CLASSROOM;
  if (method.includes('BLEND')) return CourseFormat.BLENDED;
  if (method.includes('VIDEO') || /video/i.test(componentTypeID)) return CourseFormat.VIDEO;
  if (method.includes('ILT') || method.includes('CLASS')) return CourseFormat.INSTRUCTOR_LED;
  if (method.includes('ONLINE') || method.includes('ELEARN') || method.includes('WBT')) return CourseFormat.SELF_PACED;
  return CourseFormat.OTHER;
}

/** Subject areas named `SDG-5` / `SDG05` carry the SDG (our tenant convention); others are topics. */
function subjects(dto: CatalogCourseDto): { sdgs: number[]; topics: string[] } {
  const sdgs: number[] = [];
  const topics: string[] = [];
  for (const area of dto.SubjectAreasFeed ?? []) {
    const sdg = /^SDG[-_ ]?(\d{1,2})$/i.exec(area.subjectAreaID.trim());
    const n = sdg ? Number(sdg[1]) : 0;
    if (n >= 1 && n <= 17) sdgs.push(n);
    else topics.push(area.subjectAreaDesc ?? area.subjectAreaID);
  }
  return { sdgs: [...new Set(sdgs)].sort((a, b) => a - b), topics };
}

/** CoursesFeed row → Course. `revisionDate` is the last revision, hence `updatedAt`. */
export function mapCatalogCourse(dto: CatalogCourseDto, localeId: string): CourseRecord {
  const { sdgs, topics } = subjects(dto);
  return {
    localId: courseLocalId(dto.componentTypeID, dto.componentID, dto.revisionDate),
    sourceId: dto.componentID,
    title: dto.title.trim() || dto.componentID,
    summary: dto.description?.trim() || null,
    language: languageOf(localeId),
    sdgs,
    topics,
    format: formatOf(dto.componentTypeID, dto.deliveryMethodID),
    // totalLength is in hours (§4.1).
    durationMinutes: typeof dto.totalLength === 'number' ? Math.round(dto.totalLength * 60) : null,
    url: dto.deeplink ?? null,
    startsAt: null,
    endsAt: null,
    updatedAt: fromSfEpoch(dto.revisionDate),
    visibility: dto.active === false ? CourseVisibility.HIDDEN : CourseVisibility.PUBLIC,
  };
}

/** Items search row → the CoursesFeed shape (same item, other field names: §3.4.1 b). */
export function searchItemAsCatalogCourse(dto: SearchItemDto): CatalogCourseDto {
  const { itemTypeID, itemID, itemTitle, ...rest } = dto;
  return { ...rest, componentTypeID: itemTypeID, componentID: itemID, title: itemTitle };
}

export function mapStudent(dto: StudentDto): LearnerRecord {
  const name = [dto.firstName, dto.lastName].filter((part) => part?.trim()).join(' ');
  return {
    localId: dto.studentID,
    displayName: name || dto.studentID,
    email: dto.emailAddr?.trim() ? normaliseEmail(dto.emailAddr) : null,
    // The UN index number is kept in the suite-wide person external id (§3.4.4).
    indexNumber: dto.personExternalID?.trim() || null,
  };
}

/** `grade` is a customer-defined string (§3.4.3): numeric grades become scores, codes like "A"/"Pass" do not. */
export function parseScore(grade: string | null | undefined): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(grade ?? '');
  const value = match ? Number(match[1]) : Number.NaN;
  return value >= 0 && value <= 100 ? value : null;
}

const keyOf = (row: { componentTypeID: string; componentID: string; revisionDate: number }) =>
  courseLocalId(row.componentTypeID, row.componentID, row.revisionDate);

/** The latest history row per item: an item can be completed more than once (retraining). */
function latestHistory(history: readonly HistoryRowDto[]): Map<string, HistoryRowDto> {
  const latest = new Map<string, HistoryRowDto>();
  for (const row of history) {
    const key = keyOf(row);
    const seen = latest.get(key);
    if (!seen || (epochToMs(row.completionDate) ?? 0) > (epochToMs(seen.completionDate) ?? 0)) latest.set(key, row);
  }
  return latest;
}

/**
 * Assignments merged with learning history (§4.2): a history row decides (provideCredit true → COMPLETED,
 * false → FAILED); an assignment without history is ENROLLED, or IN_PROGRESS once launched online.
 */
export function mapEnrollments(
  studentID: string,
  todo: readonly TodoItemDto[],
  history: readonly HistoryRowDto[],
): EnrollmentRecord[] {
  const done = latestHistory(history);
  const assigned = new Map(todo.map((row) => [keyOf(row), row] as const));
  const keys = [...new Set([...assigned.keys(), ...done.keys()])];
  return keys.map((key) => {
    const row = done.get(key);
    const assignment = assigned.get(key);
    const status = row
      ? row.provideCredit
        ? EnrollmentStatus.COMPLETED
        : EnrollmentStatus.FAILED
      : assignment?.onlineLaunched
        ? EnrollmentStatus.IN_PROGRESS
        : EnrollmentStatus.ENROLLED;
    return {
      localId: learnerScopedId(studentID, key),
      learnerLocalId: studentID,
      courseLocalId: key,
      status,
      sourceStatus: row
        ? (row.completionStatusID ?? row.completionStatusDesc ?? 'HISTORY')
        : (assignment?.status ?? (assignment?.onlineLaunched ? 'LAUNCHED' : 'ASSIGNED')),
      enrolledAt: fromSfEpoch(assignment?.assignedDate),
      completedAt: status === EnrollmentStatus.COMPLETED ? fromSfEpoch(row?.completionDate) : null,
      progress: status === EnrollmentStatus.COMPLETED ? 100 : null,
      score: row ? parseScore(row.grade) : null,
      // Course evaluation: the learner's rating on the history row, when given (1–5).
      ...(typeof row?.rating === 'number' && row.rating >= 1 && row.rating <= 5 ? { rating: row.rating } : {}),
    };
  });
}

/** Certificate links on credited history rows are certificates of completion (§3.4.5). */
export function mapCredentials(
  studentID: string,
  history: readonly HistoryRowDto[],
  issuer: string,
): CredentialRecord[] {
  const byId = new Map<string, CredentialRecord>();
  for (const row of history) {
    if (!row.provideCredit || !row.certificateLink) continue;
    const course = keyOf(row);
    const issuedMs = epochToMs(row.completionDate);
    const localId = learnerScopedId(studentID, course, issuedMs ?? 0);
    byId.set(localId, {
      localId,
      learnerLocalId: studentID,
      courseLocalId: course,
      kind: CredentialKind.CERTIFICATE,
      title: row.title?.trim() || row.componentID,
      issuer,
      issuedAt: issuedMs === null ? null : new Date(issuedMs),
      expiresAt: null,
      verificationUrl: row.certificateLink,
      assertion: null,
    });
  }
  return [...byId.values()];
}
