import type { ProtectedHeaderParameters } from 'jose';
import { isObject, type JsonObject, typesOf, values } from '../../../../adapters/core/credentials/json.js';
import { credentialFromVc11 } from '../proofs/jwtClaims.js';
import type { ReasonCode } from '../reasons.js';
import { COMPACT_JWS, type ReadInput } from './readInput.js';

export const VCDM_2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const VCDM_11_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
export const OB2_CONTEXT = 'https://w3id.org/openbadges/v2';

/** A recognised credential, ready for the checks of its securing mechanism. */
export type Detected =
  | { readonly format: 'VC_DATA_INTEGRITY'; readonly vcdm: '1.1' | '2.0'; readonly credential: JsonObject }
  | {
      readonly format: 'VC_JWT';
      readonly vcdm: '1.1' | '2.0';
      readonly credential: JsonObject;
      readonly jws: string;
      readonly header: ProtectedHeaderParameters;
      readonly payload: JsonObject;
    }
  | {
      readonly format: 'OB2_SIGNED';
      readonly credential: JsonObject;
      readonly jws: string;
      readonly header: ProtectedHeaderParameters;
    }
  | { readonly format: 'OB2_HOSTED'; readonly credential: JsonObject };

/** Open Badges 2.0 formats, which share dates, recipients and badges. */
export function isOpenBadges2(
  detected: Detected,
): detected is Extract<Detected, { format: 'OB2_SIGNED' | 'OB2_HOSTED' }> {
  return detected.format === 'OB2_SIGNED' || detected.format === 'OB2_HOSTED';
}

export type Detection =
  | { readonly ok: true; readonly detected: Detected }
  | { readonly ok: false; readonly reason: ReasonCode; readonly message: string };

const reject = (reason: ReasonCode, message: string): Detection => ({ ok: false, reason, message });

/** Tells how a credential is secured, from its shape alone (nothing is verified or fetched here). */
export function detectFormat(input: Extract<ReadInput, { ok: true }>): Detection {
  return input.kind === 'jws' ? detectJws(input.text) : detectJson(input.value);
}

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function vcdmOf(credential: JsonObject): '1.1' | '2.0' | null {
  const first = values(credential['@context'])[0];
  return first === VCDM_2_CONTEXT ? '2.0' : first === VCDM_11_CONTEXT ? '1.1' : null;
}

function detectJws(jws: string): Detection {
  const [headerPart = '', payloadPart = ''] = jws.split('.');
  const header = decodeSegment(headerPart);
  const payload = decodeSegment(payloadPart);
  if (!isObject(header) || !isObject(payload))
    return reject('INPUT_MALFORMED', 'the JWS header or payload is not a JSON object');
  const jose = header as ProtectedHeaderParameters;
  if (header.b64 === false)
    return reject('FORMAT_UNSUPPORTED', 'JWS with an unencoded payload (b64: false) is not supported');
  if (isObject(payload.vc)) {
    if (vcdmOf(payload.vc) !== '1.1')
      return reject('JSONLD_MALFORMED', 'the "vc" claim must hold a VCDM 1.1 credential');
    return {
      ok: true,
      detected: {
        format: 'VC_JWT',
        vcdm: '1.1',
        credential: credentialFromVc11(payload, payload.vc),
        jws,
        header: jose,
        payload,
      },
    };
  }
  if (payload.vp !== undefined && payload.type === undefined)
    return reject('FORMAT_UNSUPPORTED', 'presentations are not accepted; present the credential itself');
  if (typesOf(payload).includes('VerifiableCredential')) {
    const vcdm = vcdmOf(payload);
    if (!vcdm) return reject('JSONLD_MALFORMED', 'the first @context must be the VCDM 1.1 or 2.0 context');
    return { ok: true, detected: { format: 'VC_JWT', vcdm, credential: payload, jws, header: jose, payload } };
  }
  if (typesOf(payload).includes('Assertion'))
    return { ok: true, detected: { format: 'OB2_SIGNED', credential: payload, jws, header: jose } };
  return reject('FORMAT_UNRECOGNISED', 'the JWS does not carry a Verifiable Credential or an Open Badges assertion');
}

function detectJson(value: unknown, depth = 0): Detection {
  if (!isObject(value)) return reject('FORMAT_UNRECOGNISED', 'the credential is not a JSON object');
  const types = typesOf(value);
  if (types.includes('EnvelopedVerifiableCredential') && depth === 0) {
    // VCDM 2.0 §4.13: the secured credential travels as a data: URL in `id`.
    const match = /^data:application\/vc\+jwt,(.+)$/.exec(typeof value.id === 'string' ? value.id : '');
    const jws = match?.[1]?.trim();
    if (!jws || !COMPACT_JWS.test(jws))
      return reject('INPUT_MALFORMED', 'the enveloped credential is not a data:application/vc+jwt URL');
    return detectJws(jws);
  }
  if (types.includes('VerifiablePresentation'))
    return reject('FORMAT_UNSUPPORTED', 'presentations are not accepted; present the credential itself');
  if (types.includes('VerifiableCredential')) {
    const vcdm = vcdmOf(value);
    if (!vcdm) return reject('JSONLD_MALFORMED', 'the first @context must be the VCDM 1.1 or 2.0 context');
    return { ok: true, detected: { format: 'VC_DATA_INTEGRITY', vcdm, credential: value } };
  }
  if (types.includes('Assertion') || values(value['@context']).includes(OB2_CONTEXT)) {
    const verification = isObject(value.verification) ? value.verification.type : undefined;
    if (verification === 'hosted' || verification === 'HostedBadge') {
      return { ok: true, detected: { format: 'OB2_HOSTED', credential: value } };
    }
    return reject('FORMAT_UNSUPPORTED', 'a signed Open Badges 2.0 assertion is verified in its JWS form, not as JSON');
  }
  return reject('FORMAT_UNRECOGNISED', 'the JSON is not a Verifiable Credential or an Open Badges assertion');
}
