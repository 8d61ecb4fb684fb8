import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../../../adapters/core/credentials/index.js';
import { type DocumentServer, startDocumentServer } from './support/documentServer.js';
import { loopbackVerifier } from './support/issuer.js';

/**
 * Open Badges 2.0 hosted assertions (Moodle's badges take this form): the issuer serves each assertion at
 * its id; badge class and issuer profile are served beside it, all from loopback.
 */
let server: DocumentServer;
const verifier = loopbackVerifier({ keyTtlMs: 0 });
const url = (path: string) => `${server.origin}${path}`;

beforeAll(async () => {
  server = await startDocumentServer();
  server.serve('/badges/class.json', {
    body: { id: url('/badges/class.json'), type: 'BadgeClass', name: 'Ethics', issuer: url('/badges/issuer.json') },
  });
  server.serve('/badges/issuer.json', {
    body: { id: url('/badges/issuer.json'), type: 'Issuer', name: 'WHO Academy' },
  });
});
afterAll(async () => {
  verifier.dispose();
  await server[Symbol.asyncDispose]();
});

function hostedAssertion(path: string, overrides: Record<string, unknown> = {}) {
  const assertion = {
    '@context': 'https://w3id.org/openbadges/v2',
    type: 'Assertion',
    id: url(path),
    recipient: { type: 'email', hashed: true, salt: 'abc', identity: identityHash('amina.diallo@un.org', 'abc') },
    badge: url('/badges/class.json'),
    issuedOn: '2024-05-01T09:00:00+00:00',
    verification: { type: 'hosted' },
    ...overrides,
  };
  server.serve(path, { body: assertion });
  return assertion;
}

describe('Open Badges 2.0 hosted assertions', () => {
  it('verifies an assertion its issuer hosts, for its recipient', async () => {
    const assertion = hostedAssertion('/badges/assertion/1');
    const verdict = await verifier.verify(assertion, { presenter: { emails: ['amina.diallo@un.org'] } });
    expect(verdict.status).toBe('VERIFIED');
    expect(verdict.format).toBe('OB2_HOSTED');
    expect(verdict.credential).toMatchObject({
      issuer: { name: 'WHO Academy' },
      achievement: { id: url('/badges/class.json'), name: 'Ethics' },
    });
  });

  it('fails a presented copy that differs from the hosted one (SIGNATURE_INVALID)', async () => {
    const assertion = hostedAssertion('/badges/assertion/2');
    const verdict = await verifier.verify({ ...assertion, issuedOn: '2020-01-01T00:00:00Z' });
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.signature.reason).toBe('SIGNATURE_INVALID');
  });

  it('fails an assertion the issuer now serves as revoked (REVOKED)', async () => {
    const assertion = hostedAssertion('/badges/assertion/3');
    server.serve('/badges/assertion/3', { body: { id: assertion.id, revoked: true } });
    const verdict = await verifier.verify(assertion);
    expect(verdict.status).toBe('FAILED');
    expect(verdict.checks.status.reason).toBe('REVOKED');
  });

  it("fails an assertion hosted off the issuer's host, unless its profile allows that host", async () => {
    // The badge and its issuer embedded, the issuer identified on another host than the assertion's.
    const issuer = { id: 'https://academy.who.example/issuer', type: 'Issuer', name: 'WHO Academy' };
    const badge = { id: 'https://academy.who.example/badges/ethics', type: 'BadgeClass', name: 'Ethics', issuer };
    const assertion = hostedAssertion('/badges/assertion/4', { badge });
    expect((await verifier.verify(assertion)).checks.issuer.reason).toBe('ISSUER_KEY_MISMATCH');
    const allowing = { ...issuer, verification: { type: 'VerificationObject', allowedOrigins: ['127.0.0.1'] } };
    const allowed = hostedAssertion('/badges/assertion/4', { badge: { ...badge, issuer: allowing } });
    expect((await verifier.verify(allowed)).status).toBe('VERIFIED');
    const prefixed = { ...issuer, verification: { startsWith: [url('/badges/assertion/')] } };
    const scoped = hostedAssertion('/badges/assertion/4', { badge: { ...badge, issuer: prefixed } });
    expect((await verifier.verify(scoped)).status).toBe('VERIFIED');
  });

  it('cannot tell when the hosted copy is gone (FETCH_FAILED) or redirects (FETCH_REDIRECTED)', async () => {
    const assertion = hostedAssertion('/badges/assertion/5');
    server.serve('/badges/assertion/5', { status: 404, body: {} });
    expect((await verifier.verify(assertion)).checks.signature).toMatchObject({
      outcome: 'UNVERIFIABLE',
      reason: 'FETCH_FAILED',
    });
    server.serve('/badges/assertion/5', { status: 302, headers: { location: url('/badges/assertion/1') }, body: '' });
    expect((await verifier.verify(assertion)).checks.signature.reason).toBe('FETCH_REDIRECTED');
  });
});
