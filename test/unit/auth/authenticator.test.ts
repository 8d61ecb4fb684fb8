import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../gateway/auth/authError.js';
import { Authenticator } from '../../../gateway/auth/authenticator.js';
import { authConfigSchema } from '../../../gateway/auth/config.js';
import { TestIssuer, unsecuredToken } from '../../support/testIssuer.js';

let issuer: TestIssuer;
let other: TestIssuer;
beforeAll(async () => {
  issuer = await TestIssuer.start();
  other = await TestIssuer.start();
});
afterAll(async () => {
  await issuer[Symbol.asyncDispose]();
  await other[Symbol.asyncDispose]();
});

const authenticator = (overrides: Record<string, unknown> = {}, now?: () => number) =>
  new Authenticator(
    authConfigSchema.parse({
      issuers: [{ issuer: issuer.url, audience: 'gateway', ...overrides }],
      jwksRefetchFloorMs: 0,
    }),
    now,
  );

async function failure(auth: Authenticator, header: string): Promise<string> {
  try {
    await auth.authenticate(header);
  } catch (error) {
    if (error instanceof AuthError) return error.failure;
    throw error;
  }
  throw new Error('accepted');
}

const now = () => Math.floor(Date.now() / 1000);

describe('Authenticator', () => {
  it('turns a valid token into the principal its claims describe; no header is anonymous', async () => {
    const auth = authenticator({ roleMap: { 'learning-managers': 'AGENCY_MANAGER' } });
    const token = await issuer.sign({
      sub: 'abc',
      email: 'Amina.Diallo@UN.org',
      email_verified: true,
      un_index_number: 'UN-100001',
      un_agency: 'WHO',
      roles: ['LEARNER', 'learning-managers', 'SOMETHING_ELSE'],
    });
    expect(await auth.authenticate(`Bearer ${token}`)).toEqual({
      kind: 'user',
      issuer: issuer.url,
      subject: 'abc',
      email: 'amina.diallo@un.org',
      indexNumber: 'UN-100001',
      agency: 'who',
      roles: ['LEARNER', 'AGENCY_MANAGER'],
    });
    expect(await auth.authenticate(undefined)).toEqual({ kind: 'anonymous' });
  });

  it('ignores an e-mail the issuer does not say is verified, and reads nested claims (Keycloak)', async () => {
    const auth = authenticator({ claims: { roles: 'realm_access.roles' } });
    const token = await issuer.sign({ email: 'someone@un.org', realm_access: { roles: ['ANALYST'] } });
    expect(await auth.authenticate(`Bearer ${token}`)).toMatchObject({ email: null, roles: ['ANALYST'] });
  });

  it.each([
    ['malformed', 'Basic dXNlcjpwYXNz'],
    ['malformed', 'Bearer not-a-jwt'],
    ['malformed', 'Bearer '],
  ])('refuses %s headers: %s', async (reason, header) => {
    expect(await failure(authenticator(), header)).toBe(reason);
  });

  it('refuses expired, not-yet-valid, wrong-audience, foreign and tampered tokens with a reason', async () => {
    const auth = authenticator();
    expect(await failure(auth, `Bearer ${await issuer.sign({ exp: now() - 120 })}`)).toBe('expired');
    expect(await failure(auth, `Bearer ${await issuer.sign({ nbf: now() + 600 })}`)).toBe('not_yet_valid');
    expect(await failure(auth, `Bearer ${await issuer.sign({ aud: 'another-api' })}`)).toBe('wrong_audience');
    expect(await failure(auth, `Bearer ${await other.sign()}`)).toBe('untrusted_issuer');
    const valid = await issuer.sign({ roles: ['LEARNER'] });
    const [header, , signature] = valid.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ iss: issuer.url, aud: 'gateway', sub: 'x', exp: now() + 60, roles: ['REGISTRY_ADMIN'] }),
    ).toString('base64url');
    expect(await failure(auth, `Bearer ${header}.${forgedPayload}.${signature}`)).toBe('bad_signature');
    // Signed by another issuer's key but claiming to be ours.
    expect(await failure(auth, `Bearer ${await other.sign({ iss: issuer.url })}`)).toBe('unknown_key');
  });

  it('accepts a small clock skew only', async () => {
    const auth = authenticator();
    expect(await auth.authenticate(`Bearer ${await issuer.sign({ exp: now() - 10 })}`)).toMatchObject({ kind: 'user' });
    expect(await failure(auth, `Bearer ${await issuer.sign({ exp: now() - 31 })}`)).toBe('expired');
  });

  it('refuses alg none and an HMAC token keyed with the public key', async () => {
    const auth = authenticator();
    const payload = { iss: issuer.url, aud: 'gateway', sub: 'x', exp: now() + 60 };
    expect(await failure(auth, `Bearer ${unsecuredToken(payload)}`)).toBe('algorithm_not_allowed');
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const input = `${part({ alg: 'HS256', kid: issuer.currentKid })}.${part(payload)}`;
    const key = JSON.stringify(issuer.publicJwk());
    const mac = createHmac('sha256', key).update(input).digest('base64url');
    expect(await failure(auth, `Bearer ${input}.${mac}`)).toBe('algorithm_not_allowed');
  });

  it('follows key rotation: a token with an unknown kid refetches the JWKS, at most once per floor', async () => {
    const floor = new Authenticator(
      authConfigSchema.parse({ issuers: [{ issuer: issuer.url, audience: 'gateway' }], jwksRefetchFloorMs: 60_000 }),
    );
    await floor.authenticate(`Bearer ${await issuer.sign()}`);
    const fetches = issuer.jwksFetches;
    await issuer.rotate();
    const rotated = await issuer.sign({ sub: 'after-rotation' });
    // Within the floor the new key is not fetched yet...
    expect(await failure(floor, `Bearer ${rotated}`)).toBe('unknown_key');
    expect(issuer.jwksFetches).toBe(fetches);
    // ...while an authenticator past its floor fetches once and accepts.
    const eager = authenticator();
    expect(await eager.authenticate(`Bearer ${rotated}`)).toMatchObject({ subject: 'after-rotation' });
  });

  it('says the issuer is unavailable (not that the token is bad) when its keys cannot be fetched', async () => {
    const auth = new Authenticator(
      authConfigSchema.parse({ issuers: [{ issuer: 'http://127.0.0.1:9/', audience: 'gateway' }] }),
    );
    expect(await failure(auth, `Bearer ${await issuer.sign({ iss: 'http://127.0.0.1:9/' })}`)).toBe(
      'issuer_unavailable',
    );
  });

  it('remembers a verified token until it expires', async () => {
    let clock = Date.now();
    const auth = authenticator({}, () => clock);
    const token = await issuer.sign({ exp: Math.floor(clock / 1000) + 60 });
    await auth.authenticate(`Bearer ${token}`);
    const fetches = issuer.jwksFetches;
    await auth.authenticate(`Bearer ${token}`);
    expect(issuer.jwksFetches).toBe(fetches);
    clock += 120_000;
    expect(await failure(auth, `Bearer ${token}`)).toBe('expired');
  });

  it('answers a refused token with HTTP 401 and WWW-Authenticate: Bearer', () => {
    const error = new AuthError('expired').toGraphQLError();
    expect(error.extensions.code).toBe('UNAUTHENTICATED');
    const http = error.extensions.http as { status: number; headers: Map<string, string> };
    expect(http.status).toBe(401);
    expect(http.headers.get('www-authenticate')).toMatch(/^Bearer realm="convergence", error="invalid_token"/);
  });
});
