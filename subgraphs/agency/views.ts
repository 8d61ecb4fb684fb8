import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../../adapters/core/records.js';
import { formatGlobalId } from '../../schema/globalId.js';
import type { Course } from '../../schema/model/course.js';
import type { Credential } from '../../schema/model/credential.js';
import type { Enrollment } from '../../schema/model/enrollment.js';
import type { SourceKind } from '../../schema/model/enums.js';
import type { Learner } from '../../schema/model/learner.js';

/**
 * GraphQL-facing objects built from adapter records: global ids in, and the local keys that relation
 * resolvers need kept on the side (not exposed in the schema).
 */
export type CourseView = Course & { readonly localId: string };
export type LearnerView = Learner & { readonly localId: string };
export type EnrollmentView = Enrollment & {
  readonly localId: string;
  readonly learnerLocalId: string;
  readonly courseLocalId: string;
};
export type CredentialView = Credential & {
  readonly localId: string;
  readonly learnerLocalId: string;
  readonly courseLocalId: string | null;
};

/** `sourceKind` is the agency's (its kind's descriptor category): every course of a source shares it. */
export function courseView(agency: string, r: CourseRecord, sourceKind: SourceKind): CourseView {
  return {
    ...r,
    id: formatGlobalId(agency, 'course', r.localId),
    sdgs: [...r.sdgs],
    topics: [...r.topics],
    sourceKind,
    licence: r.licence ?? null,
    provider: r.provider ?? null,
    costModel: r.costModel ?? null,
  };
}

export function learnerView(agency: string, r: LearnerRecord): LearnerView {
  return { ...r, id: formatGlobalId(agency, 'learner', r.localId) };
}

export function enrollmentView(agency: string, r: EnrollmentRecord): EnrollmentView {
  return { ...r, id: formatGlobalId(agency, 'enrollment', r.localId) };
}

export function credentialView(agency: string, r: CredentialRecord): CredentialView {
  return { ...r, id: formatGlobalId(agency, 'credential', r.localId) };
}
