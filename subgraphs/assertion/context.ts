import { HeaderMap } from '@apollo/server';
import { apiError } from '../../schema/errors.js';
import { PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import type { AssertionOutcome, AssertionVerifier } from './verifier.js';

/**
 * Reads the gateway's assertion from a subgraph request. Without a verifier (no gateway trust configured)
 * every caller is treated as a direct, anonymous one. A present but invalid assertion refuses the whole
 * request with 401: a forged or stale assertion is an attack or a misconfiguration, never "anonymous".
 */
export async function assertionOf(
  verifier: AssertionVerifier | undefined,
  header: string | string[] | undefined,
): Promise<Exclude<AssertionOutcome, { kind: 'invalid' }>> {
  const value = Array.isArray(header) ? header[0] : header;
  if (!verifier) return { kind: 'none' };
  const outcome = await verifier.verify(value);
  if (outcome.kind === 'invalid') {
    throw apiError('UNAUTHENTICATED', 'The gateway assertion is not valid.', {
      http: { status: 401, headers: new HeaderMap([['www-authenticate', `Bearer realm="convergence-subgraph"`]]) },
    });
  }
  return outcome;
}

export { PRINCIPAL_ASSERTION_HEADER };
