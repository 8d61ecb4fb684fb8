import { CHECK_NAMES, type Verdict } from '../credentials/index.js';
import type { RecognitionTally } from './counts.js';
import type {
  AgreementStatusEnum,
  CheckOutcomeEnum,
  CredentialVerification,
  ProviderKindEnum,
  ProviderProfile,
  QualityCriterionEnum,
  RecognisedAs,
  RecognisedAsKindEnum,
  Recognition,
  RecognitionAgreement,
  RecognitionStatusEnum,
  RecordChange,
  VerificationStatusEnum,
} from './model.js';
import type { AgreementRecord, Change, ProviderRecord, RecognisedAsRecord, RecognitionRecord } from './records.js';

/** What resolvers return: the GraphQL fields, plus the stored record for field resolvers. */
export type ProviderView = ProviderProfile & { readonly record: ProviderRecord };
export type AgreementView = RecognitionAgreement & { readonly record: AgreementRecord };
export type RecognitionView = Recognition & { readonly record: RecognitionRecord };
export type TallyView = { total: number | null; counts: RecognitionTally['counts'] } & {
  readonly tally: RecognitionTally;
};

export function providerView(record: ProviderRecord): ProviderView {
  return {
    code: record.code,
    name: record.name,
    kind: record.kind as ProviderKindEnum,
    agency: record.agency,
    url: record.url,
    issuerIds: [...record.issuerIds],
    acceptedCredentialTypes: [...record.acceptedCredentialTypes],
    qualityCriteria: record.qualityCriteria.map((c) => c as QualityCriterionEnum),
    updatedAt: new Date(record.updatedAt),
    record,
  };
}

export const recognisedAsView = (countsAs: RecognisedAsRecord): RecognisedAs => ({
  kind: countsAs.kind as RecognisedAsKindEnum,
  courseId: countsAs.kind === 'COURSE' ? countsAs.courseId : null,
  hours: countsAs.kind === 'CREDIT_HOURS' ? countsAs.hours : null,
});

export function agreementView(record: AgreementRecord): AgreementView {
  return {
    id: record.id,
    recognisingAgency: record.recognisingAgency,
    recognises: {
      achievementIds: [...record.recognises.achievementIds],
      courseIds: [...record.recognises.courseIds],
      credentialTypes: [...record.recognises.credentialTypes],
      minimumHours: record.recognises.minimumHours,
    },
    countsAs: recognisedAsView(record.countsAs),
    validFrom: new Date(record.validFrom),
    validUntil: record.validUntil ? new Date(record.validUntil) : null,
    status: record.status as AgreementStatusEnum,
    version: record.version,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
    record,
  };
}

export function changeView(change: Change): RecordChange {
  const { by } = change;
  return {
    at: new Date(change.at),
    by: { subject: by.subject, email: by.email, roles: [...by.roles], agency: by.agency },
    action: change.action,
    fields: [...change.fields],
  };
}

export function recognitionView(record: RecognitionRecord): RecognitionView {
  return {
    id: record.id,
    agency: record.agency,
    status: record.status as RecognitionStatusEnum,
    title: record.title,
    countsAs: recognisedAsView(record.countsAs),
    hours: record.hours,
    person: { indexNumber: record.person.indexNumber, email: record.person.email },
    achievementId: record.credential.achievementId,
    issuerId: record.credential.issuerId,
    verification: record.verdict.status as VerificationStatusEnum,
    recordedInLms: record.recordedInLms,
    notRecordedReason: record.notRecordedReason,
    enrollmentId: record.enrollmentId,
    presentedAt: new Date(record.presentedAt),
    recordedAt: record.recordedAt ? new Date(record.recordedAt) : null,
    attempts: record.attempts.map((a) => ({ at: new Date(a.at), outcome: a.outcome, code: a.code })),
    record,
  };
}

export function verificationView(verdict: Verdict): CredentialVerification {
  const credential = verdict.credential;
  return {
    status: verdict.status as VerificationStatusEnum,
    format: verdict.format,
    reasons: verdict.reasons.map(({ check, code, message }) => ({ check, code, message })),
    checks: CHECK_NAMES.map((name) => ({
      name,
      outcome: verdict.checks[name].outcome as CheckOutcomeEnum,
      reason: verdict.checks[name].reason,
      message: verdict.checks[name].message,
    })),
    checkedAt: new Date(verdict.checkedAt),
    issuerId: credential?.issuer.id ?? null,
    issuerName: credential?.issuer.name ?? null,
    achievementId: credential?.achievement?.id ?? null,
    achievementName: credential?.achievement?.name ?? credential?.name ?? null,
    hours: credential?.hours ?? null,
  };
}

export function tallyView(tally: RecognitionTally): TallyView {
  return { total: tally.total, counts: [...tally.counts], tally };
}
