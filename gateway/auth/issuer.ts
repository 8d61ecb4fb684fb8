import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { AuthError, type AuthFailure } from './authError.js';
import type { IssuerConfig } from './config.js';

export interface KeyFetchSettings {
  readonly clockSkewSeconds: number;
  /** Shortest time between two JWKS fetches (an unknown `kid` triggers one). */
  readonly jwksRefetchFloorMs: number;
  readonly jwksMaxAgeMs: number;
  /** Per fetch of a discovery document or JWKS, ms. @default 5000 */
  readonly fetchTimeoutMs?: number;
}

/** OpenID Connect Discovery 1.0 §4: the configuration document lives under the issuer URL. */
export const discoveryUrl = (issuer: string) => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

/** Maps jose's errors to one stable reason; anything unexpected is a bad signature, never a crash. */
export function failureOf(error: unknown): AuthFailure {
  if (error instanceof AuthError) return error.failure;
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'aud':
        return 'wrong_audience';
      case 'iss':
        return 'wrong_issuer';
      case 'nbf':
      case 'iat':
        return error.reason === 'check_failed' ? 'not_yet_valid' : 'malformed';
      case 'typ':
        return 'wrong_type';
      default:
        return error.reason === 'missing' ? 'missing_claim' : 'malformed';
    }
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return 'algorithm_not_allowed';
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return 'unknown_key';
  }
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return 'issuer_unavailable';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  // fetch failures (issuer down) surface as TypeError / AbortError from the JWKS fetch.
  if (error instanceof Error && (error.name === 'TypeError' || error.name === 'AbortError')) {
    return 'issuer_unavailable';
  }
  return 'bad_signature';
}

/**
 * One trusted issuer: its keys come from its discovery document and JWKS (fetched on first use, cached
 * for `jwksMaxAgeMs`, refetched on an unknown `kid` at most once per `jwksRefetchFloorMs` — jose's remote
 * key set does both), and every token is checked for signature, algorithm, issuer, audience and times.
 */
export class TrustedIssuer {
  #keys: Promise<JWTVerifyGetKey> | undefined;
  #lastDiscoveryFailure = 0;

  constructor(
    readonly config: IssuerConfig,
    private readonly settings: KeyFetchSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async #discoverJwksUri(): Promise<URL> {
    if (this.config.jwksUri) return new URL(this.config.jwksUri);
    const response = await fetch(discoveryUrl(this.config.issuer), {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(this.settings.fetchTimeoutMs ?? 5_000),
    });
    if (!response.ok) throw new AuthError('issuer_unavailable');
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OIDC Discovery §4.3: the document's issuer must be exactly the one we trust.
    if (document.issuer !== this.config.issuer || typeof document.jwks_uri !== 'string') {
      throw new AuthError('issuer_unavailable');
    }
    const uri = new URL(document.jwks_uri);
    if (uri.protocol !== 'https:' && uri.protocol !== 'http:') throw new AuthError('issuer_unavailable');
    return uri;
  }

  #keySet(): Promise<JWTVerifyGetKey> {
    if (!this.#keys) {
      if (this.now() - this.#lastDiscoveryFailure < this.settings.jwksRefetchFloorMs) {
        return Promise.reject(new AuthError('issuer_unavailable'));
      }
      this.#keys = this.#discoverJwksUri().then(
        (uri) =>
          createRemoteJWKSet(uri, {
            cooldownDuration: this.settings.jwksRefetchFloorMs,
            cacheMaxAge: this.settings.jwksMaxAgeMs,
            timeoutDuration: this.settings.fetchTimeoutMs ?? 5_000,
          }),
        (error: unknown) => {
          this.#keys = undefined;
          this.#lastDiscoveryFailure = this.now();
          throw error instanceof AuthError ? error : new AuthError('issuer_unavailable');
        },
      );
    }
    return this.#keys;
  }

  /** The verified payload, or an AuthError saying why not. */
  async verify(token: string): Promise<JWTPayload> {
    try {
      const keys = await this.#keySet();
      const { payload } = await jwtVerify(token, keys, {
        issuer: this.config.issuer,
        audience: this.config.audience,
        algorithms: this.config.algorithms,
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['exp'],
        ...(this.config.tokenType ? { typ: this.config.tokenType } : {}),
        currentDate: new Date(this.now()),
      });
      return payload;
    } catch (error) {
      throw error instanceof AuthError ? error : new AuthError(failureOf(error));
    }
  }
}
