import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import {
  ASSERTION_ALGORITHM,
  ASSERTION_AUDIENCE,
  ASSERTION_TYPE,
  DEFAULT_ASSERTION_ISSUER,
  type Principal,
  principalClaimSchema,
} from '../../schema/principal.js';

/** Where a subgraph finds the gateway's public keys: its JWKS URL, or a JWKS file (networks that cannot reach it). */
export const gatewayTrustSchema = z
  .object({
    /** The gateway's `/.well-known/jwks.json`, e.g. `https://gateway.example.org/.well-known/jwks.json`. */
    jwksUrl: z.string().url().optional(),
    /** A JWKS file with the gateway's public keys, instead of `jwksUrl`. */
    jwksFile: z.string().min(1).optional(),
    /** `iss` of the assertions. @default urn:convergence:gateway */
    issuer: z.string().min(1).default(DEFAULT_ASSERTION_ISSUER),
  })
  .strict()
  .refine((value) => (value.jwksUrl === undefined) !== (value.jwksFile === undefined), {
    message: 'give exactly one of jwksUrl or jwksFile',
  });

export type GatewayTrust = z.infer<typeof gatewayTrustSchema>;

/** What a subgraph knows about its caller. */
export type AssertionOutcome =
  /** No assertion: a direct call, not through the gateway. Public data only. */
  | { readonly kind: 'none' }
  /** The gateway vouches for this principal (anonymous included). */
  | { readonly kind: 'valid'; readonly principal: Principal }
  /** An assertion that does not verify: forged, expired, for someone else. The request is refused. */
  | { readonly kind: 'invalid' };

const MAX_CACHED = 10_000;

/**
 * Verifies the gateway's assertion (shared by agency subgraphs and the registry): ES256 only, the
 * gateway's issuer, the subgraph audience, not expired. A verified assertion is remembered until it
 * expires (the gateway reuses each one for about 30 s).
 */
export class AssertionVerifier {
  readonly #keys: JWTVerifyGetKey;
  readonly #verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(
    private readonly trust: GatewayTrust,
    private readonly now: () => number = Date.now,
  ) {
    if (trust.jwksFile) {
      this.#keys = createLocalJWKSet(JSON.parse(readFileSync(trust.jwksFile, 'utf8')) as JSONWebKeySet);
    } else {
      this.#keys = createRemoteJWKSet(new URL(trust.jwksUrl!), { cooldownDuration: 30_000, timeoutDuration: 5_000 });
    }
  }

  async verify(assertion: string | undefined): Promise<AssertionOutcome> {
    if (!assertion) return { kind: 'none' };
    const cached = this.#verified.get(assertion);
    if (cached && this.now() < cached.expiresAtMs) return { kind: 'valid', principal: cached.principal };
    try {
      const { payload } = await jwtVerify(assertion, this.#keys, {
        issuer: this.trust.issuer,
        audience: ASSERTION_AUDIENCE,
        algorithms: [ASSERTION_ALGORITHM],
        requiredClaims: ['exp', 'iat'],
        maxTokenAge: '5m',
        typ: ASSERTION_TYPE,
        clockTolerance: 5,
        currentDate: new Date(this.now()),
      });
      const principal = principalClaimSchema.safeParse(payload.principal);
      if (!principal.success) return { kind: 'invalid' };
      if (this.#verified.size >= MAX_CACHED) this.#verified.clear();
      this.#verified.set(assertion, { principal: principal.data, expiresAtMs: (payload.exp ?? 0) * 1000 });
      return { kind: 'valid', principal: principal.data };
    } catch {
      return { kind: 'invalid' };
    }
  }
}
