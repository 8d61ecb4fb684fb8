import { CompactSign, exportJWK, generateKeyPair, importJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDidKeyIssuer, type IssuerKey, signVcJwt } from '../../../adapters/core/credentials/index.js';
import { loopbackVerifier, openBadge } from './support/issuer.js';

const verifier = loopbackVerifier();
let issuer: IssuerKey;
let other: IssuerKey;

beforeAll(async () => {
  issuer = await createDidKeyIssuer();
  other = await createDidKeyIssuer();
});
afterAll(() => verifier.dispose());

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Signs any payload with any header, for the shapes signVcJwt would never produce. */
async function signRaw(header: Record<string, unknown>, payload: Record<string, unknown>, key = issuer) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', ...header })
    .sign(await importJWK(key.privateJwk, 'EdDSA'));
}

describe('VC-JWT (VC-JOSE) credentials issued by the tests', () => {
  it('verifies an Open Badge signed as VC-JOSE, its key named by kid (did:key)', async () => {
    const jwt = await signVcJwt(openBadge(issuer.controller), issuer);
    const verdict = await verifier.verify(jwt, { presenter: { emails: ['amina.diallo@un.org'] } });
    expect(verdict.status).toBe('VERIFIED');
    expect(verdict.format).toBe('VC_JWT');
    expect(verdict.credential?.achievement?.id).toBe('https://academy.example/achievements/data-protection');
  });

  it('verifies the VCDM 2.0 enveloped form (data:application/vc+jwt)', async () => {
    const jwt = await signVcJwt(openBadge(issuer.controller), issuer);
    const envelope = {
      '@context': 'https://www.w3.org/ns/credentials/v2',
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${jwt}`,
    };
    expect((await verifier.verify(envelope)).status).toBe('VERIFIED');
  });

  it('fails a payload changed after signing (SIGNATURE_INVALID)', async () => {
    const [header, , signature] = (await signVcJwt(openBadge(issuer.controller), issuer)).split('.');
    const changed = encode({ ...openBadge(issuer.controller), name: 'Forged' });
    const verdict = await verifier.verify(`${header}.${changed}.${signature}`);
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.reason).toBe('SIGNATURE_INVALID');
  });

  it("fails a JWT whose kid names the issuer's key but was signed by another (SIGNATURE_INVALID)", async () => {
    const jwt = await signRaw({ kid: issuer.methodId }, openBadge(issuer.controller), other);
    expect((await verifier.verify(jwt)).checks.signature.reason).toBe('SIGNATURE_INVALID');
  });

  it("fails a JWT signed by another controller's key (ISSUER_KEY_MISMATCH)", async () => {
    const jwt = await signVcJwt(openBadge(issuer.controller), other);
    const verdict = await verifier.verify(jwt);
    expect(verdict.checks.signature.outcome).toBe('PASSED');
    expect(verdict.checks.issuer.reason).toBe('ISSUER_KEY_MISMATCH');
  });

  it('refuses alg none and HMAC by name (ALGORITHM_NOT_ALLOWED)', async () => {
    const payload = encode(openBadge(issuer.controller));
    const none = `${encode({ alg: 'none', kid: issuer.methodId })}.${payload}.c2ln`;
    expect((await verifier.verify(none)).checks.signature.reason).toBe('ALGORITHM_NOT_ALLOWED');
    const hmac = await new CompactSign(new TextEncoder().encode(JSON.stringify(openBadge(issuer.controller))))
      .setProtectedHeader({ alg: 'HS256', kid: issuer.methodId })
      .sign(new TextEncoder().encode('a shared secret proves nothing about the issuer'));
    expect((await verifier.verify(hmac)).checks.signature.reason).toBe('ALGORITHM_NOT_ALLOWED');
  });

  it('fails registered claims that contradict the credential (JWT_CLAIMS_INVALID)', async () => {
    const credential = openBadge(issuer.controller);
    const wrongIssuer = await signRaw({ kid: issuer.methodId }, { ...credential, iss: other.controller });
    expect((await verifier.verify(wrongIssuer)).checks.signature.reason).toBe('JWT_CLAIMS_INVALID');
    const wrongNbf = await signRaw({ kid: issuer.methodId }, { ...credential, nbf: 1 });
    expect((await verifier.verify(wrongNbf)).checks.signature.reason).toBe('JWT_CLAIMS_INVALID');
    const vcClaim = await signRaw({ kid: issuer.methodId }, { ...credential, vc: {} });
    // A "vc" object makes it a VCDM 1.1 token, whose vc must be a 1.1 credential.
    expect((await verifier.verify(vcClaim)).status).toBe('FAILED');
  });

  it('uses exp as the end of validity when the credential has no validUntil', async () => {
    const jwt = await signRaw({ kid: issuer.methodId }, { ...openBadge(issuer.controller), exp: 1_800_000_000 });
    const later = await verifier.verify(jwt, { now: new Date(1_800_000_400 * 1000) });
    expect(later.checks.validity.reason).toBe('EXPIRED');
  });

  it('verifies a VCDM 1.1 VC-JWT ("vc" claim) and fills the credential from its claims', async () => {
    const vc = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://academy.example/a/1',
          type: ['Achievement'],
          name: 'One',
          description: 'd',
          criteria: { narrative: 'n' },
        },
      },
    };
    const jwt = await signRaw(
      { kid: issuer.methodId },
      { vc, iss: issuer.controller, nbf: 1_704_067_200, jti: 'urn:uuid:1', sub: 'did:example:amina' },
    );
    const verdict = await verifier.verify(jwt, { presenter: { ids: ['did:example:amina'] } });
    expect(verdict.status).toBe('VERIFIED');
    expect(verdict.credential).toMatchObject({
      vcdm: '1.1',
      id: 'urn:uuid:1',
      issuer: { id: issuer.controller },
      validFrom: '2024-01-01T00:00:00.000Z',
    });
  });

  it('reports a key carried in the JWS header as unbound to the issuer (ISSUER_KEY_UNBOUND)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(openBadge(issuer.controller))))
      .setProtectedHeader({ alg: 'ES256', jwk: await exportJWK(publicKey) })
      .sign(privateKey);
    const verdict = await verifier.verify(jwt);
    expect(verdict.status).toBe('UNVERIFIABLE');
    expect(verdict.checks.signature.outcome).toBe('PASSED');
    expect(verdict.checks.issuer.reason).toBe('ISSUER_KEY_UNBOUND');
  });

  it('refuses a header jwk that carries a private key', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwt = await new CompactSign(new TextEncoder().encode(JSON.stringify(openBadge(issuer.controller))))
      .setProtectedHeader({ alg: 'ES256', jwk: await exportJWK(privateKey) })
      .sign(privateKey);
    expect((await verifier.verify(jwt)).checks.signature.reason).toBe('SIGNATURE_INVALID');
  });
});
