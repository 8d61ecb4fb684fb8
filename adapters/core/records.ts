import type {
  CostModel,
  CourseFormat,
  CourseVisibility,
  CredentialKind,
  EnrollmentStatus,
} from '../../schema/model/enums.js';

/**
 * Canonical records that adapters return. They carry the LMS's local ids; the agency subgraph turns them
 * into global ids (`<agency>:<type>:<localId>`), so adapters never need to know the id format.
 */
export interface CourseRecord {
  readonly localId: string;
  /** The LMS's own human key (Moodle shortname, Cornerstone LO id, SuccessFactors item id). */
  readonly sourceId: string;
  readonly title: string;
  readonly summary: string | null;
  readonly language: string | null;
  readonly sdgs: readonly number[];
  readonly topics: readonly string[];
  readonly format: CourseFormat;
  readonly durationMinutes: number | null;
  readonly url: string | null;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly updatedAt: Date | null;
  readonly visibility: CourseVisibility;
  /**
   * The licence of openly licensed content, as a URI (Creative Commons licences in their canonical form,
   * `https://creativecommons.org/licenses/by/4.0/`). Absent or null: the source states none.
   */
  readonly licence?: string | null;
  /**
   * Who offers the content, when the source is not its author: the partner institution on an external
   * platform (a Coursera partner, an edX organisation), the publisher of an open resource. Absent: the agency.
   */
  readonly provider?: string | null;
  /** How a learner pays for it. Absent or null: the source does not say (agency courses for staff). */
  readonly costModel?: CostModel | null;
}

export interface LearnerRecord {
  readonly localId: string;
  readonly displayName: string;
  readonly email: string | null;
  readonly indexNumber: string | null;
}

export interface EnrollmentRecord {
  readonly localId: string;
  readonly learnerLocalId: string;
  readonly courseLocalId: string;
  readonly status: EnrollmentStatus;
  readonly sourceStatus: string;
  readonly enrolledAt: Date | null;
  readonly completedAt: Date | null;
  /** Percent 0–100. */
  readonly progress: number | null;
  /** Percent 0–100. */
  readonly score: number | null;
  /**
   * The learner's rating of the course (1–5) where the LMS keeps one with the record (SuccessFactors
   * learning history `rating`): harvested for course evaluations (issue 15). Absent: none given or known.
   */
  readonly rating?: number | null;
}

/**
 * One learner's answer to a course evaluation (issue 15), as the insights harvest stores it: anonymous by
 * construction (the LMS's response id, never the learner's), the rating only.
 */
export interface CourseEvaluationRecord {
  readonly courseLocalId: string;
  /** The LMS's id of the response, stable across harvests (the upsert key); not the learner's. */
  readonly responseLocalId: string;
  /** 1–5; the adapter maps the LMS's own scale onto it, so it may be fractional. */
  readonly rating: number;
  /** When answered, where the LMS says (anonymous Moodle feedback does not). */
  readonly answeredAt: Date | null;
}

export interface CredentialRecord {
  readonly localId: string;
  readonly learnerLocalId: string;
  readonly courseLocalId: string | null;
  readonly kind: CredentialKind;
  readonly title: string;
  readonly issuer: string;
  readonly issuedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly verificationUrl: string | null;
  readonly assertion: string | null;
}

/** Counts for learningStats. Rates are derived later from these, never averaged. */
export interface StatsRecord {
  readonly courseCount: number;
  readonly learnerCount: number;
  readonly enrollmentCount: number;
  readonly completedCount: number;
  readonly inProgressCount: number;
  readonly failedCount: number;
  readonly withdrawnCount: number;
  readonly credentialCount: number;
}

/** Catalogue filter in canonical terms; adapters may push parts of it upstream. */
export interface CourseQuery {
  readonly text?: string;
  readonly sdgs?: readonly number[];
  readonly languages?: readonly string[];
  readonly updatedSince?: Date;
}

/**
 * Exactly one person's accounts: by UN index number, else by e-mail.
 *
 * The e-mail case rule, stated once: e-mail addresses match whatever their case, on either side. Callers
 * may pass any case and spacing; the factory (`createAdapter`) hands the adapter `email` trimmed and
 * lower-cased, and `indexNumber` trimmed. LMSs keep addresses as typed (Moodle stores `Amina.Diallo@UN.org`),
 * so the adapter must find the accounts whose stored address, lower-cased, equals it: with a
 * case-insensitive search upstream, never an exact-match look-up of the lower-cased address (Moodle on
 * PostgreSQL compares `core_user_get_users_by_field` values exactly and would find nobody). The conformance
 * kit checks both sides: a query in upper case, and an account stored with capitals
 * (`ConformanceHarness.known.mixedCaseLearner`).
 */
export interface LearnerMatchQuery {
  readonly indexNumber?: string;
  readonly email?: string;
}

/** Enrolments of some learners, or of one course. */
export type EnrollmentScope = { readonly learnerLocalIds: readonly string[] } | { readonly courseLocalId: string };

/**
 * What the agency subgraph asks an adapter for: also several courses at once (one nested level of
 * `Course.enrollments`), answered in one call where the implementation batches courses
 * (`listEnrollmentsOfCourses`), else one call per distinct course.
 */
export type AdapterEnrollmentScope = EnrollmentScope | { readonly courseLocalIds: readonly string[] };

/**
 * A time window of changes (`enrollments.changes`, issue 15): enrolments whose LMS record was modified at or
 * after `since` and before `until`. The adapter walks whatever window size its LMS allows.
 */
export interface ChangeWindow {
  readonly since: Date;
  readonly until: Date;
}

export interface StatsQuery {
  readonly sdgs?: readonly number[];
  readonly from?: Date;
  readonly to?: Date;
}

/**
 * What recognised learning counts as in the recognising agency (issue 14): a completion of one of its own
 * courses, or learning credit in hours with no local course behind it.
 */
export type RecognisedAs =
  | { readonly kind: 'COURSE'; readonly courseLocalId: string }
  | { readonly kind: 'CREDIT_HOURS'; readonly hours: number };

/**
 * Learning done elsewhere (an external platform, another agency) that an agency recognises, to be written
 * into one learner's record in its LMS. Convergence derives it from an agreement and a verified credential.
 */
export interface ExternalLearningRequest {
  /** The learner's account in this LMS. */
  readonly learnerLocalId: string;
  /**
   * The same on every attempt to record this recognition. Adapters put it in the LMS record where a field
   * can carry it, and look for the record before writing, so that a retry never records twice.
   */
  readonly idempotencyKey: string;
  /** What was learnt, as the LMS record shows it (e.g. "Climate Action Foundations — Coursera"). */
  readonly title: string;
  /** Who taught it (the credential's issuer). */
  readonly provider: string;
  readonly completedAt: Date;
  readonly recognisedAs: RecognisedAs;
  /** Hours of learning to credit on the record, when known (always for CREDIT_HOURS). */
  readonly hours: number | null;
}

/** The LMS record that now holds the recognised learning. */
export interface ExternalLearningRecord {
  /** The learner's enrolment this record shows as (`<agency>:enrollment:<localId>` in GraphQL). */
  readonly enrollmentLocalId: string;
  /** False when the record was already in the LMS (an earlier attempt wrote it) and nothing was written now. */
  readonly created: boolean;
}
