import { isDeepStrictEqual } from 'node:util';
import { idOf, isObject, type JsonObject, stringOf, values } from '../../../../adapters/core/credentials/json.js';
import type { DocumentSource } from '../fetch/documentSource.js';
import { notPassed, passed, skipped } from '../verdict.js';
import type { Ob2Outcome } from './ob2Jws.js';
import { linkedDocument } from './ob2Linked.js';

const notReached = skipped('not checked: the hosted assertion could not be checked');

/**
 * Open Badges 2.0 hosted verification (ob_v2p0 §HostedBadge), what Moodle badges use: the assertion's `id`
 * is its URL on the issuer's site; the copy served there is authoritative. The presented copy must equal it
 * (otherwise it was changed), the hosted copy says whether it is `revoked` (issuers often strip a revoked
 * assertion down to id + revoked), and the assertion must live on the issuer's host, or where its Profile
 * allows (`verification.allowedOrigins` / `startsWith`). Nothing is signed: the guarantee is the issuer's https host.
 */
export async function verifyOb2Hosted(assertion: JsonObject, documents: DocumentSource): Promise<Ob2Outcome> {
  const empty = { badge: null, issuerProfile: null };
  const id = idOf(assertion);
  if (!id || !/^https?:\/\//.test(id)) {
    return {
      ...empty,
      signature: notPassed('PROOF_MISSING', 'a hosted assertion must be identified by its URL'),
      issuer: notReached,
    };
  }
  const fetched = await documents.load(id, 'status');
  if (!fetched.ok)
    return { ...empty, signature: notPassed(fetched.problem.code, fetched.problem.message), issuer: notReached };
  const hosted = fetched.document;
  if (!isObject(hosted) || idOf(hosted) !== id) {
    return {
      ...empty,
      signature: notPassed('DID_DOCUMENT_MISMATCH', `the document at ${id} describes another id`),
      issuer: notReached,
    };
  }
  const revoked = hosted.revoked === true;
  if (!revoked && !isDeepStrictEqual(hosted, assertion)) {
    return {
      ...empty,
      signature: notPassed('SIGNATURE_INVALID', 'the presented assertion differs from the copy its issuer hosts'),
      issuer: notReached,
    };
  }
  const signature = passed('the issuer hosts this assertion at its id');
  const hostedStatus = revoked
    ? notPassed('REVOKED', 'the issuer marks the hosted assertion as revoked')
    : passed('the hosted assertion is not revoked');
  const badge = await linkedDocument(assertion.badge, documents);
  if (!badge.ok) return { ...empty, signature, issuer: badge.check, hostedStatus };
  const profile = await linkedDocument(badge.document.issuer, documents);
  if (!profile.ok)
    return { signature, issuer: profile.check, badge: badge.document, issuerProfile: null, hostedStatus };
  const issuer = hostedOnIssuerOrigin(id, profile.document)
    ? passed(`hosted on an origin of the issuer ${idOf(profile.document)}`)
    : notPassed(
        'ISSUER_KEY_MISMATCH',
        `the assertion is not hosted on an origin of the issuer ${idOf(profile.document) ?? '(none)'}`,
      );
  return { signature, issuer, badge: badge.document, issuerProfile: profile.document, hostedStatus };
}

/**
 * ob_v2p0 §VerificationObject: the Profile's `verification.startsWith` (URI prefixes) and `allowedOrigins`
 * (host names, RFC 3986 reg-name: no port) scope the assertion ids it vouches for; without them, the host
 * name of the issuer's own id.
 */
function hostedOnIssuerOrigin(assertionId: string, profile: JsonObject): boolean {
  const hostname = (url: string | null) => {
    try {
      return url ? new URL(url).hostname : null;
    } catch {
      return null;
    }
  };
  const verification = isObject(profile.verification) ? profile.verification : {};
  const prefixes = values(verification.startsWith)
    .map(stringOf)
    .filter((p): p is string => !!p);
  const origins = values(verification.allowedOrigins)
    .map(stringOf)
    .filter((o): o is string => !!o);
  if (prefixes.length > 0 || origins.length > 0) {
    return prefixes.some((prefix) => assertionId.startsWith(prefix)) || origins.includes(hostname(assertionId) ?? '');
  }
  return hostname(assertionId) !== null && hostname(assertionId) === hostname(idOf(profile));
}
