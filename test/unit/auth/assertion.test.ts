import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AssertionSigner } from '../../../gateway/auth/assertion.js';
import { ASSERTION_AUDIENCE, ASSERTION_TYPE, type Principal } from '../../../schema/principal.js';
import { AssertionVerifier } from '../../../subgraphs/assertion/verifier.js';

const learner: Principal = {
  kind: 'user',
  issuer: 'https://login.example.org',
  subject: 'abc',
  email: 'amina.diallo@un.org',
  indexNumber: 'UN-100001',
  agency: 'who',
  roles: ['LEARNER'],
};

async function verifierFor(signer: AssertionSigner, now?: () => number) {
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify(signer.jwks()));
  return new AssertionVerifier({ jwksFile: file, issuer: signer.issuer }, now);
}

describe('gateway assertions', () => {
  it('carry the principal from the gateway to a subgraph, and are reused while fresh', async () => {
    const signer = await AssertionSigner.create({ issuer: 'urn:convergence:gateway' });
    const verifier = await verifierFor(signer);
    const assertion = await signer.assertionFor(learner);
    expect(await signer.assertionFor(learner)).toBe(assertion);
    expect(await verifier.verify(assertion)).toEqual({ kind: 'valid', principal: learner });
    expect(await verifier.verify(await signer.assertionFor({ kind: 'anonymous' }))).toEqual({
      kind: 'valid',
      principal: { kind: 'anonymous' },
    });
    expect(await verifier.verify(undefined)).toEqual({ kind: 'none' });
    expect(signer.jwks().keys[0]).not.toHaveProperty('d');
  });

  it('are refused when forged with another key, tampered, expired or of another issuer', async () => {
    const signer = await AssertionSigner.create({ issuer: 'urn:convergence:gateway' });
    const verifier = await verifierFor(signer);
    const forger = await AssertionSigner.create({ issuer: 'urn:convergence:gateway' });
    expect(await verifier.verify(await forger.assertionFor(learner))).toEqual({ kind: 'invalid' });
    const [header, payload, signature] = (await signer.assertionFor(learner)).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.principal.roles = ['AGENCY_MANAGER'];
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    expect(await verifier.verify(tampered)).toEqual({ kind: 'invalid' });
    const other = await verifierFor(await AssertionSigner.create({ issuer: 'urn:someone-else' }));
    expect(await other.verify(await signer.assertionFor(learner))).toEqual({ kind: 'invalid' });
    let clock = Date.now();
    const late = await verifierFor(signer, () => clock);
    const fresh = await signer.assertionFor({ kind: 'anonymous' });
    clock += 10 * 60_000;
    expect(await late.verify(fresh)).toEqual({ kind: 'invalid' });
  });

  it('are refused when the principal claim is not a principal', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const signer = await AssertionSigner.create({ privateKeyPem: pem, issuer: 'urn:convergence:gateway' });
    const verifier = await verifierFor(signer);
    const odd = await new SignJWT({ principal: { kind: 'user', roles: ['GOD'] } })
      .setProtectedHeader({ alg: 'ES256', kid: signer.jwks().keys[0]!.kid!, typ: ASSERTION_TYPE })
      .setIssuer('urn:convergence:gateway')
      .setAudience(ASSERTION_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(privateKey);
    expect(await verifier.verify(odd)).toEqual({ kind: 'invalid' });
  });
});
