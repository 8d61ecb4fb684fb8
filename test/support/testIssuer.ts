import { generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, type JWK, type JWTPayload, SignJWT } from 'jose';

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JWK;
}

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `test-${randomBytes(4).toString('hex')}`;
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * A minimal OpenID issuer on loopback for unit tests of the verifier: a discovery document and a JWKS over
 * real HTTP, RS256 keys, tokens signed with jose. Counts JWKS fetches so tests can see refetch behaviour.
 */
export class TestIssuer implements AsyncDisposable {
  jwksFetches = 0;
  #keys: SigningKey[] = [];
  private constructor(
    private readonly server: http.Server,
    readonly url: string,
  ) {}

  static async start(): Promise<TestIssuer> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const issuer = new TestIssuer(server, url);
    issuer.#keys = [await newKey()];
    server.on('request', (req, res) => {
      if (req.url === '/.well-known/openid-configuration') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks` }));
      } else if (req.url === '/jwks') {
        issuer.jwksFetches += 1;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ keys: issuer.#keys.map((k) => k.publicJwk) }));
      } else res.writeHead(404).end();
    });
    return issuer;
  }

  get currentKid(): string {
    return this.#keys[0]!.kid;
  }

  /** A new signing key; the old one stays published unless `dropOld`. */
  async rotate(dropOld = false): Promise<void> {
    const key = await newKey();
    this.#keys = dropOld ? [key] : [key, ...this.#keys];
  }

  /** A token signed with the current key; `claims` override the defaults (iss, aud, sub, exp 1 h). */
  async sign(claims: JWTPayload = {}, header: Record<string, unknown> = {}): Promise<string> {
    const key = this.#keys[0]!;
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iss: this.url, aud: 'gateway', sub: 'user-1', iat: now, exp: now + 3600, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header })
      .sign(key.privateKey);
  }

  /** The public key as PEM-less JWK, e.g. to forge an HMAC token keyed with it. */
  publicJwk(): JWK {
    return this.#keys[0]!.publicJwk;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A JWT with `alg: none` (RFC 7519 §6): no signature at all. */
export function unsecuredToken(payload: JWTPayload): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payload)}.`;
}
