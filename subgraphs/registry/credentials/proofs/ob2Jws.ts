import { compactVerify, importSPKI, type ProtectedHeaderParameters } from 'jose';
import { idOf, isObject, type JsonObject, values } from '../../../../adapters/core/credentials/json.js';
import type { DocumentSource } from '../fetch/documentSource.js';
import { type CheckResult, notPassed, passed, skipped } from '../verdict.js';
import { linkedDocument } from './ob2Linked.js';
import type { ProofOutcome } from './outcome.js';
import { JWS_ALGORITHMS } from './vcJwt.js';

export interface Ob2Outcome extends ProofOutcome {
  /** The BadgeClass (fetched or embedded), for the achievement check; null if it could not be had. */
  readonly badge: JsonObject | null;
  /** The issuer Profile, whose `revocationList` the status check reads; null if it could not be had. */
  readonly issuerProfile: JsonObject | null;
  /** Hosted assertions: the status the issuer's hosted copy tells (`revoked`), read with the assertion. */
  readonly hostedStatus?: CheckResult;
}

const notReached = skipped('not checked: the signature could not be checked');

/**
 * Open Badges 2.0 signed verification (ob_v2p0 §SignedBadge): the JWS payload is the Assertion; its
 * `verification.creator` is the URL of a CryptographicKey (publicKeyPem); the key's `owner` must be the
 * issuer Profile reached through Assertion → BadgeClass → issuer, and that Profile must list the key in
 * `publicKey`. Every document must carry the id it was fetched by.
 */
export async function verifyOb2Jws(
  jws: string,
  header: ProtectedHeaderParameters,
  assertion: JsonObject,
  documents: DocumentSource,
): Promise<Ob2Outcome> {
  const empty = { badge: null, issuerProfile: null };
  if (!JWS_ALGORITHMS.includes(header.alg ?? '')) {
    return {
      ...empty,
      signature: notPassed('ALGORITHM_NOT_ALLOWED', `JWS algorithm "${header.alg}" is not accepted`),
      issuer: notReached,
    };
  }
  const creator = isObject(assertion.verification) ? idOf(assertion.verification.creator) : null;
  if (!creator) {
    return {
      ...empty,
      signature: notPassed('KEY_UNAVAILABLE', 'the assertion names no verification.creator key'),
      issuer: notPassed('KEY_NOT_FOUND', 'no creator key named'),
    };
  }
  const key = await linkedDocument(creator, documents);
  if (!key.ok)
    return {
      ...empty,
      signature: notPassed('KEY_UNAVAILABLE', 'the signing key could not be used'),
      issuer: key.check,
    };
  let signature: CheckResult;
  try {
    const publicKey = await importSPKI(String(key.document.publicKeyPem ?? ''), header.alg ?? '');
    await compactVerify(jws, publicKey, { algorithms: [header.alg ?? ''] });
    signature = passed('the JWS signature verifies');
  } catch {
    signature = notPassed('SIGNATURE_INVALID', 'the JWS signature does not verify with the creator key');
  }

  const badge = await linkedDocument(assertion.badge, documents);
  if (!badge.ok) return { ...empty, signature, issuer: badge.check };
  const profile = await linkedDocument(badge.document.issuer, documents);
  if (!profile.ok) return { signature, issuer: profile.check, badge: badge.document, issuerProfile: null };
  const issuerId = idOf(profile.document);
  const listed = values(profile.document.publicKey).some((entry) => idOf(entry) === creator);
  const issuer =
    issuerId && idOf(key.document.owner) === issuerId && listed
      ? passed(`signed by a key that the issuer ${issuerId} lists as its own`)
      : notPassed(
          'ISSUER_KEY_MISMATCH',
          `the key ${creator} is not a published key of the issuer ${issuerId ?? '(none)'}`,
        );
  return { signature, issuer, badge: badge.document, issuerProfile: profile.document };
}
