import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from 'jose';
import {
  ASSERTION_ALGORITHM,
  ASSERTION_AUDIENCE,
  ASSERTION_TTL_SECONDS,
  ASSERTION_TYPE,
  type Principal,
  principalClaim,
} from '../../schema/principal.js';

const MAX_CACHED = 10_000;

export interface AssertionSignerOptions {
  /** PKCS#8 PEM of a P-256 private key; a fresh key when absent. */
  readonly privateKeyPem?: string | undefined;
  readonly issuer: string;
  readonly now?: () => number;
}

/**
 * The gateway's own statement of who is asking, signed with its key and sent to every subgraph in the
 * `x-convergence-assertion` header. Short-lived (60 s); one assertion per principal is reused for half its
 * life, so signing costs nothing per request. The public key is published as a JWKS.
 */
export class AssertionSigner {
  readonly #cache = new Map<string, { token: string; refreshAtMs: number }>();

  private constructor(
    private readonly key: KeyObject,
    private readonly publicJwk: JWK,
    readonly issuer: string,
    private readonly now: () => number,
  ) {}

  static async create(options: AssertionSignerOptions): Promise<AssertionSigner> {
    const key = options.privateKeyPem
      ? createPrivateKey(options.privateKeyPem)
      : generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new Error('The assertion key must be an EC P-256 private key (PKCS#8 PEM).');
    }
    const jwk = await exportJWK(createPublicKey(key));
    const publicJwk: JWK = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: ASSERTION_ALGORITHM, use: 'sig' };
    return new AssertionSigner(key, publicJwk, options.issuer, options.now ?? Date.now);
  }

  /** What `/.well-known/jwks.json` serves: the public key only. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.publicJwk] };
  }

  async assertionFor(principal: Principal): Promise<string> {
    const claim = principalClaim(principal);
    const cacheKey = JSON.stringify(claim);
    const now = this.now();
    const cached = this.#cache.get(cacheKey);
    if (cached && now < cached.refreshAtMs) return cached.token;
    const issuedAt = Math.floor(now / 1000);
    const token = await new SignJWT({ principal: claim })
      .setProtectedHeader({ alg: ASSERTION_ALGORITHM, kid: this.publicJwk.kid!, typ: ASSERTION_TYPE })
      .setIssuer(this.issuer)
      .setAudience(ASSERTION_AUDIENCE)
      .setSubject(principal.kind === 'user' ? principal.subject : 'anonymous')
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ASSERTION_TTL_SECONDS)
      .sign(this.key);
    if (this.#cache.size >= MAX_CACHED) this.#cache.clear();
    this.#cache.set(cacheKey, { token, refreshAtMs: now + (ASSERTION_TTL_SECONDS * 1000) / 2 });
    return token;
  }
}
