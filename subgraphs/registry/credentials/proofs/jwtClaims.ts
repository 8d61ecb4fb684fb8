import { idOf, isObject, type JsonObject, values } from '../../../../adapters/core/credentials/json.js';

const seconds = (iso: unknown): number | null => {
  if (typeof iso !== 'string') return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
};

/**
 * Where the JWT registered claims contradict the credential they secure. OB 3.0 (integrity.md, "JSON Web
 * Token Proof Format") maps iss→issuer.id, jti→id, sub→credentialSubject.id, nbf→validFrom, exp→validUntil
 * and asks the verifier to reject a mismatch; VCDM 1.1 VC-JWT uses issuanceDate/expirationDate instead.
 * VC-JOSE-COSE (VCDM 2.0) forbids the 1.1-style `vc` / `vp` claims beside a payload that is the credential.
 * `iat` is not compared: the W3C suite's vectors carry it as a date string (credential-vectors README).
 */
export function jwtClaimProblems(payload: JsonObject, credential: JsonObject, vcdm: '1.1' | '2.0'): string[] {
  const problems: string[] = [];
  if (vcdm === '2.0' && (payload.vc !== undefined || payload.vp !== undefined)) {
    problems.push('a VCDM 2.0 JWT must not carry "vc" or "vp" claims');
  }
  const compare = (claim: string, expected: string | number | null) => {
    const actual = payload[claim];
    if (actual === undefined || expected === null) return;
    if (actual !== expected) problems.push(`the JWT claim "${claim}" does not match the credential`);
  };
  compare('iss', idOf(credential.issuer));
  compare('jti', typeof credential.id === 'string' ? credential.id : null);
  const subjects = values(credential.credentialSubject).filter(isObject);
  compare('sub', subjects.length === 1 ? idOf(subjects[0]) : null);
  compare('nbf', seconds(vcdm === '2.0' ? credential.validFrom : credential.issuanceDate));
  compare('exp', seconds(vcdm === '2.0' ? credential.validUntil : credential.expirationDate));
  for (const claim of ['nbf', 'exp'] as const) {
    if (payload[claim] !== undefined && typeof payload[claim] !== 'number') {
      problems.push(`the JWT claim "${claim}" is not a NumericDate`);
    }
  }
  return problems;
}

/**
 * The credential a VCDM 1.1 VC-JWT carries, completed from its claims: VC-JWT 1.1 lets the JWT claims stand
 * in for `id`, `issuer`, `issuanceDate`, `expirationDate` and the subject id, which the `vc` object may omit.
 */
export function credentialFromVc11(payload: JsonObject, vc: JsonObject): JsonObject {
  const iso = (claim: unknown) => (typeof claim === 'number' ? new Date(claim * 1000).toISOString() : undefined);
  const credential: JsonObject = { ...vc };
  if (credential.id === undefined && typeof payload.jti === 'string') credential.id = payload.jti;
  if (credential.issuer === undefined && typeof payload.iss === 'string') credential.issuer = payload.iss;
  if (credential.issuanceDate === undefined && iso(payload.nbf)) credential.issuanceDate = iso(payload.nbf);
  if (credential.expirationDate === undefined && iso(payload.exp)) credential.expirationDate = iso(payload.exp);
  if (
    isObject(credential.credentialSubject) &&
    credential.credentialSubject.id === undefined &&
    typeof payload.sub === 'string'
  ) {
    credential.credentialSubject = { ...credential.credentialSubject, id: payload.sub };
  }
  return credential;
}
