import { registerEnumType } from 'type-graphql';
import { LMS_KINDS, type LmsKind, lmsKindName } from '../lmsKind.js';

/**
 * The GraphQL `LmsKind` enum, derived from the kinds (schema/lmsKind.ts): each value's name is the kind in
 * capitals and its value the kind itself, so resolvers and inputs deal in `moodle` while clients see `MOODLE`.
 */
export const LmsKindEnum: Readonly<Record<Uppercase<LmsKind>, LmsKind>> = Object.fromEntries(
  LMS_KINDS.map((kind) => [lmsKindName(kind), kind]),
) as Record<Uppercase<LmsKind>, LmsKind>;

/**
 * The family of source a course or agency comes from (the kind's descriptor `category`): an agency's LMS,
 * a repository of open educational resources, or an external course platform. Values are their own names.
 */
export const SourceKindEnum = { LMS: 'LMS', OER: 'OER', EXTERNAL: 'EXTERNAL' } as const;
export type SourceKind = (typeof SourceKindEnum)[keyof typeof SourceKindEnum];

/** How a learner pays for a course, as its source states it (or as its platform's model is documented). */
export enum CostModel {
  /** Free, certificate included where there is one. */
  FREE = 'FREE',
  /** Free to follow; the certificate or graded work is paid (Coursera and edX "audit"). */
  FREE_TO_AUDIT = 'FREE_TO_AUDIT',
  /** Included in a paid subscription or licence (LinkedIn Learning). */
  SUBSCRIPTION = 'SUBSCRIPTION',
  /** Paid per course. */
  PAID = 'PAID',
}

/** Where a course stands in the system-wide curation (JIU recommendations 3 and 6). */
export enum CurationStatus {
  /** Put forward for review by a curator. */
  PROPOSED = 'PROPOSED',
  /** Recommended by at least one agency, against the curation criteria. */
  RECOMMENDED = 'RECOMMENDED',
  /** No longer recommended (withdrawn, outdated, or rejected after review). */
  RETIRED = 'RETIRED',
}

/** Canonical enrolment status; the LMS's own label is kept next to it as `sourceStatus`. */
export enum EnrollmentStatus {
  ENROLLED = 'ENROLLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum CredentialKind {
  BADGE = 'BADGE',
  CERTIFICATE = 'CERTIFICATE',
  EXTERNAL = 'EXTERNAL',
}

export enum CourseFormat {
  SELF_PACED = 'SELF_PACED',
  INSTRUCTOR_LED = 'INSTRUCTOR_LED',
  VIRTUAL_CLASSROOM = 'VIRTUAL_CLASSROOM',
  BLENDED = 'BLENDED',
  VIDEO = 'VIDEO',
  CURRICULUM = 'CURRICULUM',
  OTHER = 'OTHER',
}

export enum CourseVisibility {
  /** Open to anyone, including learners of other agencies. */
  PUBLIC = 'PUBLIC',
  /** Listed for the agency's own staff. */
  INTERNAL = 'INTERNAL',
  /** Hidden in the LMS (draft or retired). */
  HIDDEN = 'HIDDEN',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export enum CourseOrderField {
  TITLE = 'TITLE',
  UPDATED_AT = 'UPDATED_AT',
  STARTS_AT = 'STARTS_AT',
  DURATION = 'DURATION',
}

export enum EnrollmentOrderField {
  ENROLLED_AT = 'ENROLLED_AT',
  COMPLETED_AT = 'COMPLETED_AT',
}

export enum CredentialOrderField {
  ISSUED_AT = 'ISSUED_AT',
  TITLE = 'TITLE',
}

registerEnumType(LmsKindEnum, { name: 'LmsKind', description: 'Family of learning management system.' });
registerEnumType(SourceKindEnum, {
  name: 'SourceKind',
  description: 'Family of source: an agency LMS, an open educational resource repository, or an external platform.',
});
registerEnumType(CurationStatus, { name: 'CurationStatus', description: 'Where a course stands in curation.' });
registerEnumType(CostModel, { name: 'CostModel', description: 'How a learner pays for a course.' });
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus', description: 'Canonical enrolment status.' });
registerEnumType(CredentialKind, { name: 'CredentialKind' });
registerEnumType(CourseFormat, { name: 'CourseFormat' });
registerEnumType(CourseVisibility, { name: 'CourseVisibility' });
registerEnumType(OrderDirection, { name: 'OrderDirection' });
registerEnumType(CourseOrderField, { name: 'CourseOrderField' });
registerEnumType(EnrollmentOrderField, { name: 'EnrollmentOrderField' });
registerEnumType(CredentialOrderField, { name: 'CredentialOrderField' });
