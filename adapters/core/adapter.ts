import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { LmsKind } from '../../schema/lmsKind.js';
import type { SourceKind } from '../../schema/model/enums.js';
import type {
  AdapterEnrollmentScope,
  ChangeWindow,
  CourseEvaluationRecord,
  CourseQuery,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  EnrollmentScope,
  ExternalLearningRecord,
  ExternalLearningRequest,
  LearnerMatchQuery,
  LearnerRecord,
  StatsQuery,
  StatsRecord,
} from './records.js';

/**
 * What an adapter can do. Calling an operation of an undeclared capability answers `LMS_UNSUPPORTED`
 * (the factory checks it), and the conformance kit reports the groups of undeclared capabilities as skipped.
 */
export type LmsCapability =
  | 'courses'
  | 'learners'
  | 'enrollments.byLearner'
  | 'enrollments.byCourse'
  /**
   * Enrolments changed in a time window, across learners (a modified-since filter of the LMS): the insights
   * harvest then fetches only what changed since its last run (issue 15).
   */
  | 'enrollments.changes'
  | 'credentials'
  | 'stats'
  /** Writes recognised external learning into a learner's record (issue 14). The only write. */
  | 'recognitions.write'
  /** Learners' course evaluations (issue 15): anonymous 1–5 ratings, read in bulk for the insights harvest. */
  | 'evaluations';

export const LMS_CAPABILITIES: readonly LmsCapability[] = [
  'courses',
  'learners',
  'enrollments.byLearner',
  'enrollments.byCourse',
  'enrollments.changes',
  'credentials',
  'stats',
  'recognitions.write',
  'evaluations',
];

/**
 * One agency's LMS in canonical terms, as the agency subgraph uses it. Made only by the factory
 * (`createAdapter`), which guarantees for every adapter: batch reads (`get*`) answer in input order with
 * `null` for ids that do not exist, every failure is an `LmsError` naming the agency and kind, and
 * operations of undeclared capabilities answer `LMS_UNSUPPORTED` without reaching the LMS.
 * `list*` return every match; the agency subgraph orders and pages them (schema/ordering.ts).
 */
export interface LmsAdapter {
  readonly kind: LmsKind;
  /** The family of source (its descriptor's `category`): what `Course.sourceKind` and `Agency.sourceKind` say. */
  readonly category: SourceKind;
  readonly capabilities: ReadonlySet<LmsCapability>;
  /** Why undeclared capabilities are missing, where the descriptor says (the LMS_UNSUPPORTED message). */
  readonly unsupported?: Partial<Readonly<Record<LmsCapability, string>>>;

  getCourses(localIds: readonly string[]): Promise<ReadonlyArray<CourseRecord | null>>;
  listCourses(query: CourseQuery): Promise<readonly CourseRecord[]>;

  getLearners(localIds: readonly string[]): Promise<ReadonlyArray<LearnerRecord | null>>;
  findLearners(match: LearnerMatchQuery): Promise<readonly LearnerRecord[]>;

  getEnrollments(localIds: readonly string[]): Promise<ReadonlyArray<EnrollmentRecord | null>>;
  listEnrollments(scope: AdapterEnrollmentScope): Promise<readonly EnrollmentRecord[]>;

  /**
   * Every enrolment whose record changed in `window` (`enrollments.changes`), each once, in the same terms
   * (and local ids) as `listEnrollments`. Deletions are not seen: a periodic full harvest catches those.
   */
  listEnrollmentChanges(window: ChangeWindow): Promise<readonly EnrollmentRecord[]>;

  getCredentials(localIds: readonly string[]): Promise<ReadonlyArray<CredentialRecord | null>>;
  listCredentials(learnerLocalIds: readonly string[]): Promise<readonly CredentialRecord[]>;

  getStats(query: StatsQuery): Promise<StatsRecord>;

  /**
   * Every learner account's local id, for LMSs whose enrolments can be listed by learner only (the insights
   * harvest walks them; issue 15). Absent: the adapter cannot list its learners.
   */
  listLearnerIds?(): Promise<readonly string[]>;

  /**
   * Records learning the agency recognises in the learner's LMS record. Idempotent: called again with the
   * same `idempotencyKey` it finds the record instead of writing a second one. Never retried by the HTTP
   * layer (a POST); the caller retries, and may, because of the key.
   */
  recordExternalLearning(request: ExternalLearningRequest): Promise<ExternalLearningRecord>;

  /**
   * Every evaluation response the LMS holds for these courses (distinct ids; none for an empty list), each
   * reduced to its 1–5 rating: no learner, no free text. Read by the insights harvest only.
   */
  listCourseEvaluations(courseLocalIds: readonly string[]): Promise<readonly CourseEvaluationRecord[]>;

  /** Resolves when the LMS answers with valid credentials; rejects with an `LmsError` otherwise. */
  healthCheck(signal?: AbortSignal): Promise<void>;
  dispose(): Promise<void>;
}

/**
 * What an adapter author writes (a descriptor's `connect` returns it): the operations of the declared
 * capabilities, in the LMS's terms, and nothing else. The factory adds the rest, once for every adapter:
 * - batch reads may answer in any order and leave out (or answer null for) ids that do not exist; they
 *   are called with distinct ids only, never with an empty list;
 * - any failure may be thrown as is: one that is not an `LmsError` becomes `LMS_BAD_RESPONSE` (the LMS
 *   answered something the adapter could not read), and every `LmsError` is tagged with agency and kind;
 * - operations of undeclared capabilities may be left out: they are never called.
 */
export interface AdapterImplementation {
  getCourses?(localIds: readonly string[]): Promise<ReadonlyArray<CourseRecord | null>>;
  listCourses?(query: CourseQuery): Promise<readonly CourseRecord[]>;
  getLearners?(localIds: readonly string[]): Promise<ReadonlyArray<LearnerRecord | null>>;
  /** `match.email` arrives trimmed and lower-cased; stored addresses may have capitals (see `LearnerMatchQuery`). */
  findLearners?(match: LearnerMatchQuery): Promise<readonly LearnerRecord[]>;
  getEnrollments?(localIds: readonly string[]): Promise<ReadonlyArray<EnrollmentRecord | null>>;
  /** Called with a learner scope only under `enrollments.byLearner`, a course scope under `enrollments.byCourse`. */
  listEnrollments?(scope: EnrollmentScope): Promise<readonly EnrollmentRecord[]>;
  /**
   * Optional, under `enrollments.byCourse`: the enrolments of several courses in as few LMS calls as the LMS
   * allows (distinct ids, never empty). Without it, nested `Course.enrollments` costs one call per course.
   */
  listEnrollmentsOfCourses?(courseLocalIds: readonly string[]): Promise<readonly EnrollmentRecord[]>;
  /**
   * Under `enrollments.changes`: see `LmsAdapter.listEnrollmentChanges`. Called with `since < until`; the
   * adapter splits the window as its LMS requires (Cornerstone: 24 h at most) and may return a record twice
   * (the factory keeps one per local id).
   */
  listEnrollmentChanges?(window: ChangeWindow): Promise<readonly EnrollmentRecord[]>;
  getCredentials?(localIds: readonly string[]): Promise<ReadonlyArray<CredentialRecord | null>>;
  listCredentials?(learnerLocalIds: readonly string[]): Promise<readonly CredentialRecord[]>;
  getStats?(query: StatsQuery): Promise<StatsRecord>;
  /** See `LmsAdapter.listLearnerIds`; only for LMSs that list enrolments by learner, not by course. */
  listLearnerIds?(): Promise<readonly string[]>;
  /** See `LmsAdapter.recordExternalLearning`: look for the record by `idempotencyKey` before writing. */
  recordExternalLearning?(request: ExternalLearningRequest): Promise<ExternalLearningRecord>;
  /** See `LmsAdapter.listCourseEvaluations`; called with distinct ids, never an empty list. */
  listCourseEvaluations?(courseLocalIds: readonly string[]): Promise<readonly CourseEvaluationRecord[]>;
  healthCheck(signal?: AbortSignal): Promise<void>;
  dispose?(): Promise<void> | void;
}

/** What every adapter is given instead of building its own (STYLE.md B2). */
export interface AdapterDeps {
  readonly agency: string;
  readonly logger: Logger;
  /** Namespaced `<agency>:<kind>`; in-memory unless Redis is configured. */
  readonly cache: Keyv;
}
