/**
 * Credential verification (issue 14): Open Badges 3.0 / VCDM 2.0 and 1.1 secured by Data Integrity
 * (eddsa-rdfc-2022, Ed25519Signature2020) or VC-JWT, and Open Badges 2.0 signed and hosted assertions.
 * One call gives a structured verdict; see README "Credential verification". Issuing (keys, proofs,
 * status lists) and the bundled JSON-LD contexts are in adapters/core/credentials, shared with issuers.
 */
export type { ClaimedAchievement } from './checks/achievement.js';
export type { Presenter } from './checks/subject.js';
export type { FetchPolicy } from './fetch/safeFetch.js';
export { REASON_CODES, REASONS, type ReasonCode } from './reasons.js';
export type { CredentialVerifierSettings, VerifyRequest } from './settings.js';
export {
  CHECK_NAMES,
  type CheckName,
  type CheckOutcome,
  type CheckResult,
  type CredentialFormat,
  type CredentialSummary,
  type Verdict,
  type VerdictReason,
  type VerdictStatus,
} from './verdict.js';
export {
  type CredentialVerifier,
  createCredentialVerifier,
  verdictWithoutVerifiableForm,
  verifyCredential,
} from './verifier.js';
