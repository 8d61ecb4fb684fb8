import { calculateJwkThumbprint, compactVerify, type JWK, type ProtectedHeaderParameters } from 'jose';
import { absoluteId, idOf, isObject, type JsonObject, values } from '../../../../adapters/core/credentials/json.js';
import { publicJwkOf } from '../keys/publicJwk.js';
import {
  type KeyResolverOptions,
  type ResolvedKey,
  resolveController,
  resolveVerificationMethod,
} from '../keys/resolveKey.js';
import type { ReasonCode } from '../reasons.js';
import { type CheckResult, notPassed, passed, skipped } from '../verdict.js';
import { jwtClaimProblems } from './jwtClaims.js';
import type { ProofOutcome } from './outcome.js';

/**
 * JWS algorithms accepted. RS256 is the OB 3.0 interop minimum (integrity.md); ES256 and EdDSA are what
 * wallets and the W3C VC-JOSE-COSE suite emit. `none` and HMAC (a shared secret proves nothing about an
 * issuer) are refused by name.
 */
export const JWS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'EdDSA',
  'Ed25519',
];

export interface VcJwtInput {
  readonly jws: string;
  readonly header: ProtectedHeaderParameters;
  readonly payload: JsonObject;
  /** The credential the JWT carries (the payload for VCDM 2.0, its `vc` claim for VCDM 1.1). */
  readonly credential: JsonObject;
  readonly vcdm: '1.1' | '2.0';
}

type KeyChoice =
  | { readonly ok: true; readonly jwk: JWK; readonly resolved: ResolvedKey | null }
  | { readonly ok: false; readonly signature: CheckResult; readonly issuer: CheckResult };

const notReached = skipped('not checked: the signature could not be checked');

/** Verifies a VC-JOSE / VC-JWT credential: the JWS with the issuer's key, then its claims against the credential. */
export async function verifyVcJwt(input: VcJwtInput, keys: KeyResolverOptions): Promise<ProofOutcome> {
  const alg = input.header.alg ?? '';
  if (!JWS_ALGORITHMS.includes(alg)) {
    return {
      signature: notPassed('ALGORITHM_NOT_ALLOWED', `JWS algorithm "${alg}" is not accepted`),
      issuer: notReached,
    };
  }
  const issuerId = idOf(input.credential.issuer);
  const choice = await chooseKey(input.header, issuerId, keys);
  if (!choice.ok) return choice;
  try {
    await compactVerify(input.jws, choice.jwk, { algorithms: [alg] });
  } catch {
    // jose 6 needs the JWK's key type to fit `alg`; a mismatch is as much a failed signature as a bad one.
    return { signature: notPassed('SIGNATURE_INVALID', 'the JWS signature does not verify'), issuer: notReached };
  }
  const claimProblem = jwtClaimProblems(input.payload, input.credential, input.vcdm)[0];
  const signature = claimProblem ? notPassed('JWT_CLAIMS_INVALID', claimProblem) : passed('the JWS signature verifies');
  if (!choice.resolved) {
    return {
      signature,
      issuer: notPassed('ISSUER_KEY_UNBOUND', 'the key is embedded in the JWS header; nothing ties it to the issuer'),
    };
  }
  const { controllerId } = choice.resolved;
  const issuer =
    issuerId && controllerId === issuerId
      ? passed(`signed by a key that the issuer ${issuerId} controls`)
      : notPassed(
          'ISSUER_KEY_MISMATCH',
          `signed by a key of ${controllerId}, not of the issuer ${issuerId ?? '(none)'}`,
        );
  return { signature, issuer };
}

async function chooseKey(
  header: ProtectedHeaderParameters,
  issuerId: string | null,
  keys: KeyResolverOptions,
): Promise<KeyChoice> {
  if (typeof header.kid === 'string' && header.kid.length > 0) {
    const methodId = await methodIdFor(header.kid, issuerId, keys);
    if (!methodId.ok) return unavailable(methodId.code, methodId.message);
    const resolution = await resolveVerificationMethod(methodId.id, keys);
    if (!resolution.ok) return unavailable(resolution.code, resolution.message);
    const jwk = await publicJwkOf(resolution.key.method);
    if (!jwk) return unavailable('KEY_TYPE_UNSUPPORTED', `the key ${methodId.id} has no usable public key`);
    return { ok: true, jwk, resolved: resolution.key };
  }
  if (isObject(header.jwk)) {
    if ('d' in header.jwk) {
      return {
        ok: false,
        signature: notPassed('SIGNATURE_INVALID', 'the JWS header carries a private key'),
        issuer: notReached,
      };
    }
    return { ok: true, jwk: header.jwk as JWK, resolved: null };
  }
  return unavailable('KEY_NOT_FOUND', 'the JWS header names no key (neither kid nor jwk)');
}

function unavailable(code: ReasonCode, message: string): KeyChoice {
  return {
    ok: false,
    signature: notPassed('KEY_UNAVAILABLE', 'the signing key could not be used'),
    issuer: notPassed(code, message),
  };
}

type MethodId =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly code: ReasonCode; readonly message: string };

/**
 * A `kid` is a DID URL or URL (use it), a fragment relative to the issuer (`#key-1`), or an opaque name such
 * as a JWK thumbprint (the W3C VC-JOSE-COSE vectors): then the issuer's controller document is searched for
 * the key with that `kid`, fragment or thumbprint.
 */
async function methodIdFor(kid: string, issuerId: string | null, keys: KeyResolverOptions): Promise<MethodId> {
  if (kid.includes(':')) return { ok: true, id: kid };
  if (!issuerId)
    return {
      ok: false,
      code: 'KEY_NOT_FOUND',
      message: `the key "${kid}" is relative but the credential names no issuer`,
    };
  if (kid.startsWith('#')) return { ok: true, id: absoluteId(kid, issuerId) };
  const controller = await resolveController(issuerId, keys);
  if (!controller.ok) return controller;
  for (const method of values(controller.controller.verificationMethod).filter(isObject)) {
    const id = idOf(method);
    const jwk = isObject(method.publicKeyJwk) ? (method.publicKeyJwk as JWK) : null;
    const thumbprint = jwk ? await calculateJwkThumbprint(jwk).catch(() => null) : null;
    if (id && (id.endsWith(`#${kid}`) || jwk?.kid === kid || thumbprint === kid)) return { ok: true, id };
  }
  return { ok: false, code: 'KEY_NOT_FOUND', message: `the issuer ${issuerId} has no key "${kid}"` };
}
