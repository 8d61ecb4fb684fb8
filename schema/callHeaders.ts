import { createHash } from 'node:crypto';
import type { Principal } from './principal.js';

/**
 * Headers the gateway sends every agency with each call (README "Resilience"): how many milliseconds the
 * gateway will still wait for the answer (the agency stops all work for the request when they are spent),
 * and an opaque key of the caller, so that the agency shares its LMS fairly between callers.
 */
export const BUDGET_HEADER = 'x-convergence-budget-ms';
export const CALLER_HEADER = 'x-convergence-caller';

/** An opaque, stable key per user (a hash: the header needs no personal data); one shared key for anonymous. */
export function callerKey(principal: Principal | undefined): string {
  if (!principal || principal.kind === 'anonymous') return 'anonymous';
  const digest = createHash('sha256').update(`${principal.issuer}\u0000${principal.subject}`).digest('base64url');
  return `user:${digest.slice(0, 22)}`;
}
