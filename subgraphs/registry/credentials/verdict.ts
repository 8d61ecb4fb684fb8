import { type ReasonCode, severityOf } from './reasons.js';

/** What the verifier concluded. Never a bare boolean: FAILED and UNVERIFIABLE say why in `reasons`. */
export type VerdictStatus = 'VERIFIED' | 'FAILED' | 'UNVERIFIABLE';

/** The checks every verdict reports, each separately, in this order. */
export const CHECK_NAMES = ['format', 'signature', 'issuer', 'validity', 'status', 'achievement', 'subject'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * PASSED and FAILED are what they say; UNVERIFIABLE means the check could not be completed (a key or
 * list out of reach, an unsupported suite); SKIPPED means there was nothing to check (no status entry,
 * no presenter given) or an earlier check made this one meaningless.
 */
export type CheckOutcome = 'PASSED' | 'FAILED' | 'UNVERIFIABLE' | 'SKIPPED';

export interface CheckResult {
  readonly outcome: CheckOutcome;
  /** Set when the outcome is FAILED or UNVERIFIABLE. */
  readonly reason: ReasonCode | null;
  /** One readable sentence; never an upstream body, stack trace or secret. */
  readonly message: string;
}

/** How the credential was secured. */
export type CredentialFormat =
  /** VCDM 1.1/2.0 (Open Badges 3.0, CLR 2.0, ...) with an embedded Data Integrity / Linked Data proof. */
  | 'VC_DATA_INTEGRITY'
  /** VCDM 2.0 secured with VC-JOSE (the credential is the JWT payload) or VCDM 1.1 VC-JWT (`vc` claim). */
  | 'VC_JWT'
  /** Open Badges 2.0 assertion signed as a JWS (`verification.type: signed`). */
  | 'OB2_SIGNED'
  /** Open Badges 2.0 hosted assertion (`verification.type: hosted`): its issuer serves it at its id. */
  | 'OB2_HOSTED';

/** What the credential says, for the caller to match agreements against. Only trustworthy when VERIFIED. */
export interface CredentialSummary {
  readonly id: string | null;
  readonly types: readonly string[];
  /** `1.1` or `2.0` for Verifiable Credentials; null for Open Badges 2.0. */
  readonly vcdm: '1.1' | '2.0' | null;
  readonly issuer: { readonly id: string | null; readonly name: string | null };
  readonly name: string | null;
  readonly achievement: {
    readonly id: string | null;
    readonly name: string | null;
    /** OB 3.0 `achievementType` (e.g. `Certificate`, `ext:...`); null for OB 2.0 badges. */
    readonly type: string | null;
    /** OB 3.0 `humanCode`: the issuer's own code for it (a course code). */
    readonly humanCode: string | null;
  } | null;
  /** Hours of learning it states: OB 3.0 `creditsEarned` of the subject, else the achievement's `creditsAvailable`. */
  readonly hours: number | null;
  /** The `credentialStatus` entries as given (status list URL, index, purpose): what a later status re-check reads. */
  readonly statusEntries: readonly Readonly<Record<string, unknown>>[];
  /** `credentialSubject.id` (OB 3.0), or null when the subject is only named by hashed identifiers. */
  readonly subjectId: string | null;
  readonly validFrom: string | null;
  readonly validUntil: string | null;
}

export interface VerdictReason {
  readonly check: CheckName;
  readonly code: ReasonCode;
  readonly message: string;
}

export interface Verdict {
  readonly status: VerdictStatus;
  /** Every FAILED / UNVERIFIABLE check, in check order; empty when VERIFIED. */
  readonly reasons: readonly VerdictReason[];
  /** Null when the input was not recognised as a credential. */
  readonly format: CredentialFormat | null;
  readonly checks: Readonly<Record<CheckName, CheckResult>>;
  readonly credential: CredentialSummary | null;
  /** The instant the validity period and status were judged at (ISO 8601). */
  readonly checkedAt: string;
}

export function passed(message: string): CheckResult {
  return { outcome: 'PASSED', reason: null, message };
}

export function skipped(message: string): CheckResult {
  return { outcome: 'SKIPPED', reason: null, message };
}

/** A check that did not pass: its outcome follows from the reason's severity (reasons.ts). */
export function notPassed(reason: ReasonCode, message: string): CheckResult {
  return { outcome: severityOf(reason), reason, message };
}

/** Any FAILED check fails the credential; otherwise any UNVERIFIABLE check makes it UNVERIFIABLE. */
export function combine(
  checks: Record<CheckName, CheckResult>,
  format: CredentialFormat | null,
  credential: CredentialSummary | null,
  checkedAt: Date,
): Verdict {
  const reasons: VerdictReason[] = [];
  for (const check of CHECK_NAMES) {
    const { reason, message } = checks[check];
    if (reason) reasons.push({ check, code: reason, message });
  }
  const outcomes = CHECK_NAMES.map((check) => checks[check].outcome);
  const status: VerdictStatus = outcomes.includes('FAILED')
    ? 'FAILED'
    : outcomes.includes('UNVERIFIABLE')
      ? 'UNVERIFIABLE'
      : 'VERIFIED';
  return { status, reasons, format, checks, credential, checkedAt: checkedAt.toISOString() };
}
