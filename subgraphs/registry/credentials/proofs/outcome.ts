import type { CheckResult } from '../verdict.js';

/** What checking the securing mechanism tells: the signature, and whether the key is the issuer's. */
export interface ProofOutcome {
  readonly signature: CheckResult;
  readonly issuer: CheckResult;
}
