import { registerEnumType } from 'type-graphql';
import { LMS_KINDS, type LmsKind, lmsKindName } from '../lmsKind.js';

/**
 * The GraphQL `LmsKind` enum, derived from the kinds (schema/lmsKind.ts): each value's name is the kind in
 * capitals and its value the kind itself, so resolvers and inputs deal in `moodle` while clients see `MOODLE`.
 */
export const LmsKindEnum: Readonly<Record<Uppercase<LmsKind>, LmsKind>> = Object.fromEntries(
  LMS_KINDS.map((kind) => [lmsKindName(kind), kind]),
) as Record<Uppercase<LmsKind>, LmsKind>;

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
registerEnumType(EnrollmentStatus, { name: 'EnrollmentStatus', description: 'Canonical enrolment status.' });
registerEnumType(CredentialKind, { name: 'CredentialKind' });
registerEnumType(CourseFormat, { name: 'CourseFormat' });
registerEnumType(CourseVisibility, { name: 'CourseVisibility' });
registerEnumType(OrderDirection, { name: 'OrderDirection' });
registerEnumType(CourseOrderField, { name: 'CourseOrderField' });
registerEnumType(EnrollmentOrderField, { name: 'EnrollmentOrderField' });
registerEnumType(CredentialOrderField, { name: 'CredentialOrderField' });
