/**
 * The closed set of reasons a verdict can give, with the severity each one carries. Policy as data
 * (STYLE.md B9): a check only names the reason; whether that makes the credential FAILED (proven bad or
 * broken) or UNVERIFIABLE (it might be fine, but this verifier cannot tell) is decided here, once.
 *
 * Codes are stable API: the registry stores them with recognitions and clients switch on them. Add codes;
 * never rename or reuse one.
 */
export const REASONS = {
  // Input and format
  INPUT_TOO_LARGE: { severity: 'UNVERIFIABLE', about: 'the presented credential is larger than the configured cap' },
  INPUT_MALFORMED: { severity: 'FAILED', about: 'not JSON and not a compact JWS' },
  FORMAT_UNRECOGNISED: { severity: 'FAILED', about: 'JSON that is not a Verifiable Credential or Open Badge' },
  FORMAT_UNSUPPORTED: { severity: 'UNVERIFIABLE', about: 'a recognised credential form this verifier does not check' },
  NO_VERIFIABLE_FORM: {
    severity: 'UNVERIFIABLE',
    about: 'a record with nothing to verify: an LMS certificate or completion without a signed or hosted credential',
  },
  LIMIT_EXCEEDED: {
    severity: 'UNVERIFIABLE',
    about: 'more proofs or status entries than the verifier follows (each may cost a fetch)',
  },
  CONTEXT_UNKNOWN: {
    severity: 'UNVERIFIABLE',
    about: 'a JSON-LD @context with no local copy (contexts are never fetched)',
  },
  JSONLD_MALFORMED: {
    severity: 'FAILED',
    about: 'invalid JSON-LD: bad @context, undefined terms, or a shape JSON-LD rejects',
  },
  // Signature
  PROOF_MISSING: { severity: 'FAILED', about: 'no embedded proof and no JWS envelope' },
  SIGNATURE_INVALID: { severity: 'FAILED', about: 'a proof or the JWS does not verify with the named key' },
  CRYPTOSUITE_UNSUPPORTED: {
    severity: 'UNVERIFIABLE',
    about: 'a proof type, cryptosuite or proof chain not supported',
  },
  ALGORITHM_NOT_ALLOWED: { severity: 'FAILED', about: 'a JWS algorithm outside the allow-list (none, HMAC, ...)' },
  JWT_CLAIMS_INVALID: {
    severity: 'FAILED',
    about: 'JWT claims (iss, jti, sub, nbf, exp, vc/vp) contradict the credential or VC-JOSE-COSE',
  },
  KEY_UNAVAILABLE: { severity: 'UNVERIFIABLE', about: 'the signing key could not be obtained (see the issuer check)' },
  // Issuer identity and key binding
  FETCH_REFUSED: { severity: 'UNVERIFIABLE', about: 'a URL the verifier will not fetch (scheme, private address)' },
  FETCH_REDIRECTED: { severity: 'UNVERIFIABLE', about: 'the URL answered with a redirect; redirects are not followed' },
  FETCH_FAILED: { severity: 'UNVERIFIABLE', about: 'the URL did not answer in time, or answered an HTTP error' },
  FETCH_TOO_LARGE: { severity: 'UNVERIFIABLE', about: 'the fetched document is larger than the configured cap' },
  FETCH_NOT_JSON: { severity: 'UNVERIFIABLE', about: 'the fetched document is not JSON' },
  DID_METHOD_UNSUPPORTED: { severity: 'UNVERIFIABLE', about: 'a DID method other than did:key and did:web' },
  KEY_TYPE_UNSUPPORTED: { severity: 'UNVERIFIABLE', about: 'a key type this verifier cannot use' },
  DID_DOCUMENT_MISMATCH: {
    severity: 'FAILED',
    about: 'a DID or controller document that names another id, or a key whose controller is not that document',
  },
  KEY_NOT_FOUND: { severity: 'FAILED', about: 'the controller document does not contain the named key' },
  KEY_NOT_AUTHORISED: { severity: 'FAILED', about: 'the key is not listed for assertions by its controller' },
  ISSUER_KEY_MISMATCH: { severity: 'FAILED', about: 'the key that signed is not controlled by the credential issuer' },
  ISSUER_KEY_UNBOUND: {
    severity: 'UNVERIFIABLE',
    about: 'the key travels with the credential (JWS "jwk" header): nothing ties it to the issuer',
  },
  // Validity period
  NOT_YET_VALID: { severity: 'FAILED', about: 'validFrom / nbf is in the future' },
  EXPIRED: { severity: 'FAILED', about: 'validUntil / exp / expires is in the past' },
  DATES_MALFORMED: { severity: 'FAILED', about: 'a validity date that is not an XML Schema dateTime' },
  // Status
  REVOKED: { severity: 'FAILED', about: 'the issuer has revoked the credential' },
  SUSPENDED: { severity: 'FAILED', about: 'the issuer has suspended the credential' },
  STATUS_UNAVAILABLE: { severity: 'UNVERIFIABLE', about: 'the status list could not be fetched' },
  STATUS_LIST_INVALID: {
    severity: 'UNVERIFIABLE',
    about: 'the status list is unsigned, badly signed, expired, of another purpose, or too short',
  },
  STATUS_TYPE_UNSUPPORTED: { severity: 'UNVERIFIABLE', about: 'a credentialStatus type this verifier does not read' },
  // Achievement and subject
  ACHIEVEMENT_MISMATCH: { severity: 'FAILED', about: 'the credential is not for the achievement that was claimed' },
  CREDENTIAL_TYPE_MISMATCH: { severity: 'FAILED', about: 'the credential is not of the type that was claimed' },
  ISSUER_MISMATCH: { severity: 'FAILED', about: 'the credential is not from the issuer that was claimed' },
  SUBJECT_MISMATCH: { severity: 'FAILED', about: 'the credential was issued to someone other than the presenter' },
  SUBJECT_UNIDENTIFIED: { severity: 'UNVERIFIABLE', about: 'the credential names its subject in no comparable way' },
  // The verifier itself
  VERIFIER_ERROR: {
    severity: 'UNVERIFIABLE',
    about: 'an unexpected error inside the verifier (a bug); nothing was concluded',
  },
} as const satisfies Record<string, { severity: 'FAILED' | 'UNVERIFIABLE'; about: string }>;

export type ReasonCode = keyof typeof REASONS;

export const REASON_CODES = Object.keys(REASONS) as ReasonCode[];

export function severityOf(code: ReasonCode): 'FAILED' | 'UNVERIFIABLE' {
  return REASONS[code].severity;
}
