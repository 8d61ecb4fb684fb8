import { CompactSign, type CryptoKey, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../../../adapters/core/credentials/index.js';
import { type DocumentServer, startDocumentServer } from './support/documentServer.js';
import { loopbackVerifier } from './support/issuer.js';

/**
 * Open Badges 2.0 signed assertions made by the tests: an RS256 JWS over the Assertion, whose
 * verification.creator key, BadgeClass, issuer Profile and RevocationList are served from loopback.
 */
let server: DocumentServer;
let privateKey: CryptoKey;
const verifier = loopbackVerifier({ keyTtlMs: 0 });
const url = (path: string) => `${server.origin}${path}`;

beforeAll(async () => {
  server = await startDocumentServer();
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const ctx = 'https://w3id.org/openbadges/v2';
  server.serve('/key.json', {
    body: {
      '@context': ctx,
      id: url('/key.json'),
      type: 'CryptographicKey',
      owner: url('/issuer.json'),
      publicKeyPem: await exportSPKI(pair.publicKey),
    },
  });
  server.serve('/badge.json', {
    body: {
      '@context': ctx,
      id: url('/badge.json'),
      type: 'BadgeClass',
      name: 'Negotiation Skills',
      issuer: url('/issuer.json'),
    },
  });
  server.serve('/issuer.json', {
    body: {
      '@context': ctx,
      id: url('/issuer.json'),
      type: 'Issuer',
      name: 'UNITAR',
      publicKey: url('/key.json'),
      revocationList: url('/revocations.json'),
    },
  });
  server.serve('/revocations.json', {
    body: {
      '@context': ctx,
      id: url('/revocations.json'),
      type: 'RevocationList',
      revokedAssertions: [{ id: url('/assertions/revoked') }],
    },
  });
});
afterAll(async () => {
  verifier.dispose();
  await server[Symbol.asyncDispose]();
});

function assertion(id: string, overrides: Record<string, unknown> = {}) {
  return {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: url(id),
    recipient: { type: 'email', hashed: true, salt: 's4lt', identity: identityHash('amina.diallo@un.org', 's4lt') },
    badge: url('/badge.json'),
    issuedOn: '2024-03-01T10:00:00Z',
    verification: { type: 'signed', creator: url('/key.json') },
    ...overrides,
  };
}

const sign = async (payload: unknown, key: CryptoKey = privateKey) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'RS256' }).sign(key);

describe('Open Badges 2.0 signed assertions issued by the tests', () => {
  it('verifies the signature, the key of the issuer, the recipient and the badge', async () => {
    const verdict = await verifier.verify(await sign(assertion('/assertions/1')), {
      presenter: { emails: ['amina.diallo@un.org'] },
      claimed: { achievementId: url('/badge.json') },
    });
    expect(verdict.status).toBe('VERIFIED');
    expect(verdict.format).toBe('OB2_SIGNED');
    expect(verdict.checks.status.outcome).toBe('PASSED');
    expect(verdict.credential).toMatchObject({
      issuer: { id: url('/issuer.json'), name: 'UNITAR' },
      achievement: { name: 'Negotiation Skills' },
    });
  });

  it('fails an assertion in the issuer revocation list (REVOKED)', async () => {
    const verdict = await verifier.verify(await sign(assertion('/assertions/revoked')));
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.status.reason).toBe('REVOKED');
  });

  it('fails a signature by another key (SIGNATURE_INVALID) and a changed payload', async () => {
    const { privateKey: stranger } = await generateKeyPair('RS256');
    expect((await verifier.verify(await sign(assertion('/assertions/2'), stranger))).checks.signature.reason).toBe(
      'SIGNATURE_INVALID',
    );
    const [header, , signature] = (await sign(assertion('/assertions/3'))).split('.');
    const changed = Buffer.from(
      JSON.stringify(assertion('/assertions/3', { issuedOn: '2020-01-01T00:00:00Z' })),
    ).toString('base64url');
    expect((await verifier.verify(`${header}.${changed}.${signature}`)).checks.signature.reason).toBe(
      'SIGNATURE_INVALID',
    );
  });

  it('fails a key that the issuer profile does not list (ISSUER_KEY_MISMATCH)', async () => {
    server.serve('/badge-elsewhere.json', {
      body: { id: url('/badge-elsewhere.json'), type: 'BadgeClass', name: 'Other', issuer: url('/other-issuer.json') },
    });
    server.serve('/other-issuer.json', {
      body: { id: url('/other-issuer.json'), type: 'Issuer', publicKey: url('/other-key.json') },
    });
    const verdict = await verifier.verify(
      await sign(assertion('/assertions/4', { badge: url('/badge-elsewhere.json') })),
    );
    expect(verdict.checks.signature.outcome).toBe('PASSED');
    expect(verdict.checks.issuer.reason).toBe('ISSUER_KEY_MISMATCH');
  });

  it('fails a linked document that describes another id (DID_DOCUMENT_MISMATCH)', async () => {
    server.serve('/badge-liar.json', {
      body: { id: url('/badge.json'), type: 'BadgeClass', issuer: url('/issuer.json') },
    });
    const verdict = await verifier.verify(await sign(assertion('/assertions/5', { badge: url('/badge-liar.json') })));
    expect(verdict.checks.issuer.reason).toBe('DID_DOCUMENT_MISMATCH');
  });

  it('fails an expired assertion and a stranger presenting it', async () => {
    const verdict = await verifier.verify(await sign(assertion('/assertions/6', { expires: '2024-06-01T00:00:00' })), {
      presenter: { emails: ['someone.else@un.org'] },
      now: new Date('2025-01-01T00:00:00Z'),
    });
    expect(verdict.checks.validity.reason).toBe('EXPIRED');
    expect(verdict.checks.subject.reason).toBe('SUBJECT_MISMATCH');
  });
});
