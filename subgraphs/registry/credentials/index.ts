/**
 * Credential verification (issue 14): Open Badges 3.0 / VCDM 2.0 and 1.1 secured by Data Integrity
 * (eddsa-rdfc-2022, Ed25519Signature2020) or VC-JWT, and Open Badges 2.0 signed and hosted assertions.
 * One call gives a structured verdict; see README "Credential verification".
 */
export type { ClaimedAchievement } from './checks/achievement.js';
export { encodeStatusList } from './checks/bitstring.js';
export { identityHash } from './checks/identityHash.js';
export type { Presenter } from './checks/subject.js';
export type { FetchPolicy } from './fetch/safeFetch.js';
export { controllerDocument, createDidKeyIssuer, createIssuerKey, type IssuerKey } from './issue/issuerKey.js';
export { signDataIntegrity, signVcJwt } from './issue/sign.js';
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
