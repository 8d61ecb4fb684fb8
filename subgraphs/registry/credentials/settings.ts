import type { Keyv } from 'keyv';
import type { ClaimedAchievement } from './checks/achievement.js';
import type { Presenter } from './checks/subject.js';
import type { FetchPolicy } from './fetch/safeFetch.js';

/** How a verifier is set up; one verifier serves many verifications and shares its cache between them. */
export interface CredentialVerifierSettings {
  /** Largest credential accepted, in bytes of JSON / JWS text. @default 524288 (512 KiB; badges embed images) */
  readonly maxCredentialBytes?: number;
  /** Tolerance on validity dates. @default 300 */
  readonly clockSkewSeconds?: number;
  /** How issuer profiles, DID documents, keys and status lists are fetched (fetch/safeFetch.ts). */
  readonly fetch?: FetchPolicy;
  /** Cache of fetched documents. @default an in-memory Keyv */
  readonly cache?: Keyv;
  /** @default 3600000 */
  readonly keyTtlMs?: number;
  /** @default 60000; 0 fetches status lists on every verification */
  readonly statusTtlMs?: number;
  /** Documents served for their URL instead of fetching it (keys pinned out of band; test vectors). */
  readonly pinnedDocuments?: Readonly<Record<string, unknown>>;
  /** JSON-LD contexts to serve besides the bundled ones (tests: the W3C examples vocabulary). */
  readonly extraContexts?: Readonly<Record<string, unknown>>;
}

/** What one verification is asked. */
export interface VerifyRequest {
  /** The person presenting; without it the subject check is SKIPPED. */
  readonly presenter?: Presenter;
  /** What the credential is claimed to be; without it only "is for some achievement" is checked. */
  readonly claimed?: ClaimedAchievement;
  /** @default the current time */
  readonly now?: Date;
}

export const DEFAULT_MAX_CREDENTIAL_BYTES = 524_288;
export const DEFAULT_CLOCK_SKEW_SECONDS = 300;
