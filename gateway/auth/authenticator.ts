import { decodeJwt } from 'jose';
import { ANONYMOUS, type Principal, type UserPrincipal } from '../../schema/principal.js';
import { AuthError } from './authError.js';
import { principalFromClaims } from './claims.js';
import type { AuthConfig } from './config.js';
import { TrustedIssuer } from './issuer.js';

const MAX_CACHED_TOKENS = 10_000;
const BEARER = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/;

/**
 * `Authorization` header → principal. No header: anonymous. Anything else must be a valid bearer JWT of
 * a trusted issuer, or the request is refused (AuthError → 401). A verified token is remembered until it
 * expires, so a client sending the same token again costs one map lookup, not a signature check.
 */
export class Authenticator {
  readonly #issuers: ReadonlyMap<string, TrustedIssuer>;
  readonly #verified = new Map<string, { principal: UserPrincipal; validUntilMs: number }>();

  constructor(
    private readonly config: Pick<AuthConfig, 'issuers' | 'clockSkewSeconds' | 'jwksRefetchFloorMs' | 'jwksMaxAgeMs'>,
    private readonly now: () => number = Date.now,
  ) {
    this.#issuers = new Map(config.issuers.map((issuer) => [issuer.issuer, new TrustedIssuer(issuer, config, now)]));
  }

  async authenticate(authorization: string | undefined): Promise<Principal> {
    if (authorization === undefined || authorization === '') return ANONYMOUS;
    const token = BEARER.exec(authorization.trim())?.[1];
    if (!token) throw new AuthError('malformed');
    const cached = this.#verified.get(token);
    if (cached) {
      if (this.now() < cached.validUntilMs) return cached.principal;
      this.#verified.delete(token);
      throw new AuthError('expired');
    }
    let issuerName: unknown;
    try {
      issuerName = decodeJwt(token).iss;
    } catch {
      throw new AuthError('malformed');
    }
    const issuer = typeof issuerName === 'string' ? this.#issuers.get(issuerName) : undefined;
    if (!issuer) throw new AuthError('untrusted_issuer');
    const payload = await issuer.verify(token);
    const principal = principalFromClaims(payload, issuer.config);
    this.#remember(token, principal, (payload.exp ?? 0) * 1000 + this.config.clockSkewSeconds * 1000);
    return principal;
  }

  #remember(token: string, principal: UserPrincipal, validUntilMs: number): void {
    if (this.#verified.size >= MAX_CACHED_TOKENS) {
      // Oldest first: Map iteration follows insertion order.
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(token, { principal, validUntilMs });
  }
}
