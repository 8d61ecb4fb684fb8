import type { CheckName, CredentialFormat, VerdictStatus } from '../credentials/index.js';
import type { ReasonCode } from '../credentials/reasons.js';

/**
 * What the registry stores for recognised learning (issue 14). Timestamps are ISO 8601 UTC strings. Every
 * record keeps its history: who changed it, when, and what.
 */

/** Who made a change, as the gateway's assertion named them (no more than an audit needs). */
export interface Actor {
  readonly issuer: string | null;
  readonly subject: string | null;
  readonly email: string | null;
  readonly roles: readonly string[];
  readonly agency: string | null;
}

export interface Change<A extends string = string> {
  readonly at: string;
  readonly by: Actor;
  readonly action: A;
  /** The fields the change set (empty for status changes). */
  readonly fields: readonly string[];
}

/** Curation facts of a provider of credentials (JIU recommendation 6): an external platform, or an agency. */
export type ProviderKind = 'EXTERNAL_PLATFORM' | 'AGENCY';

export const QUALITY_CRITERIA = [
  'CURATED_COURSES',
  'REALISTIC_LEARNING_OBJECTIVES',
  'ASSESSED_COMPLETION',
  'IDENTITY_VERIFIED',
  'VERIFIABLE_CREDENTIALS',
  'PUBLISHES_REVOCATION',
] as const;
export type QualityCriterion = (typeof QUALITY_CRITERIA)[number];

export interface ProviderRecord {
  /** Lowercase slug, e.g. `coursera`. */
  readonly code: string;
  readonly name: string;
  readonly kind: ProviderKind;
  /** The agency, when the provider is one. */
  readonly agency: string | null;
  readonly url: string | null;
  /** The issuer ids (DIDs, profile URLs) its credentials are signed as: how a credential names its provider. */
  readonly issuerIds: readonly string[];
  /** Credential or achievement types accepted from it (`OpenBadgeCredential`, `CertificateOfCompletion`, ...). */
  readonly acceptedCredentialTypes: readonly string[];
  readonly qualityCriteria: readonly QualityCriterion[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly Change<'REGISTERED' | 'UPDATED'>[];
}

export type AgreementStatus = 'ACTIVE' | 'SUSPENDED' | 'ENDED';

/** What an agreement recognises; every criterion given must hold, and at least one is given. */
export interface RecognitionCriteria {
  /** Achievement ids (OB 3.0 `achievement.id`, an OB 2.0 BadgeClass id). */
  readonly achievementIds: readonly string[];
  /** Course codes as the issuer names its courses (OB 3.0 `achievement.humanCode`, e.g. an edX course key). */
  readonly courseIds: readonly string[];
  /** Credential types or achievement types. */
  readonly credentialTypes: readonly string[];
  /** Learning hours the credential must state at least (OB 3.0 `creditsAvailable`). */
  readonly minimumHours: number | null;
}

/** What recognised learning counts as in the recognising agency. */
export type RecognisedAsRecord =
  | { readonly kind: 'COURSE'; readonly courseId: string }
  /** `hours` null: the hours the credential states. */
  | { readonly kind: 'CREDIT_HOURS'; readonly hours: number | null };

export interface AgreementRecord {
  readonly id: string;
  readonly recognisingAgency: string;
  /** The issuer: a provider profile (an external platform or an agency). */
  readonly provider: string;
  readonly recognises: RecognitionCriteria;
  readonly countsAs: RecognisedAsRecord;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly status: AgreementStatus;
  /** Raised by every change; an update may name the version it read (optimistic concurrency). */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly history: readonly Change<'CREATED' | 'UPDATED' | AgreementStatus>[];
}

/** PENDING → RECORDING → RECORDED; REVOKED when the credential was revoked before it was recorded. */
export type RecognitionStatus = 'PENDING' | 'RECORDING' | 'RECORDED' | 'REVOKED';

/** The person, as the presenting learner's principal named them: what finding their LMS account needs. */
export interface PersonRecord {
  readonly indexNumber: string | null;
  readonly email: string | null;
}

/** What was verified: the credential's claims, never the credential itself. */
export interface PresentedCredential {
  /** sha256 of the credential as presented: the same credential presented again is recognised once. */
  readonly digest: string;
  readonly id: string | null;
  readonly format: CredentialFormat | null;
  readonly issuerId: string | null;
  readonly issuerName: string | null;
  readonly achievementId: string | null;
  readonly achievementName: string | null;
  readonly hours: number | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
  /** The credential's status entries (list URL, index, purpose): re-checked before recording. */
  readonly statusEntries: readonly Readonly<Record<string, unknown>>[];
}

export interface StoredVerdict {
  readonly status: VerdictStatus;
  readonly checkedAt: string;
  readonly reasons: readonly { readonly check: CheckName; readonly code: ReasonCode; readonly message: string }[];
}

export interface RecordingAttempt {
  readonly at: string;
  readonly by: Actor;
  readonly outcome: 'STARTED' | 'RECORDED' | 'KEPT_IN_CONVERGENCE' | 'FAILED' | 'REVOKED';
  /** The error code of a failed attempt. */
  readonly code: string | null;
}

export interface RecognitionRecord {
  readonly id: string;
  readonly agreementId: string;
  readonly agency: string;
  readonly provider: string;
  readonly person: PersonRecord;
  /** Hash of the person's key (index number, else e-mail): the index recognitions are found by. */
  readonly personKey: string;
  readonly credential: PresentedCredential;
  readonly verdict: StoredVerdict;
  readonly countsAs: RecognisedAsRecord;
  /** Hours credited (the agreement's, else the credential's), null when the credential states none. */
  readonly hours: number | null;
  /** What the LMS record shows. */
  readonly title: string;
  readonly status: RecognitionStatus;
  readonly recordedInLms: boolean | null;
  readonly notRecordedReason: string | null;
  /** The enrolment that now holds it, `<agency>:enrollment:<localId>`. */
  readonly enrollmentId: string | null;
  readonly presentedAt: string;
  readonly recordedAt: string | null;
  readonly attempts: readonly RecordingAttempt[];
}
