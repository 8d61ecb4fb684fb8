import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type IssuedCredential,
  type PlatformSimulatorHandle,
  startPlatformSimulator,
} from '../../../../adapters/platform/simulator/index.js';
import { createCredentialVerifier } from '../../../../subgraphs/registry/credentials/index.js';

/**
 * The external-platform simulator end to end over loopback: it issues, the verifier fetches its DID
 * documents and status lists over HTTP like any issuer's, and revocation shows on the next verification.
 */
let simulator: PlatformSimulatorHandle;
// The sandbox's verifier settings: loopback over http allowed, status lists never cached.
const verifier = createCredentialVerifier({ fetch: { allowHttp: true, allowPrivateNetwork: true }, statusTtlMs: 0 });
const learner = { emails: ['amina.diallo@un.org'] };

beforeAll(async () => {
  simulator = await startPlatformSimulator({ seed: 7 });
});
afterAll(async () => {
  verifier.dispose();
  await simulator.close();
});

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${simulator.url}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function issue(provider: string, achievementId: string, format: 'data-integrity' | 'vc-jwt', extra: object = {}) {
  const { status, body } = await call('POST', '/__sim/credentials', {
    provider,
    achievementId,
    recipient: { email: 'amina.diallo@un.org' },
    format,
    ...extra,
  });
  expect(status).toBe(201);
  return body as IssuedCredential;
}

describe('external-platform simulator', () => {
  it('publishes providers with did:web DID documents and OB 3.0 profiles', async () => {
    const providers = (await call('GET', '/providers')).body as { slug: string; issuer: string }[];
    expect(providers.map((p) => p.slug)).toEqual(['coursera', 'edx', 'linkedin-learning']);
    const coursera = simulator.issuers.get('coursera')!;
    expect(coursera.did).toBe(`did:web:${new URL(simulator.url).host.replace(':', '%3A')}:providers:coursera`);
    const did = (await call('GET', '/providers/coursera/did.json')).body as { id: string; assertionMethod: string[] };
    expect(did.id).toBe(coursera.did);
    expect(did.assertionMethod).toEqual([`${coursera.did}#key-1`]);
    expect((await call('GET', '/providers/edx/profile')).body).toMatchObject({
      type: ['Profile'],
      name: 'edX (simulated)',
    });
  });

  for (const format of ['data-integrity', 'vc-jwt'] as const) {
    it(`issues ${format} credentials that verify, then fail as revoked once the platform revokes them`, async () => {
      const issued = await issue('coursera', 'https://www.coursera.org/learn/climate-action-foundations', format);
      expect(typeof issued.credential).toBe(format === 'vc-jwt' ? 'string' : 'object');
      const verified = await verifier.verify(issued.credential, {
        presenter: learner,
        claimed: { achievementId: 'https://www.coursera.org/learn/climate-action-foundations' },
      });
      expect(verified.status).toBe('VERIFIED');
      expect(verified.checks.status.outcome).toBe('PASSED');
      expect(verified.credential).toMatchObject({
        issuer: { id: simulator.issuers.get('coursera')!.did, name: 'Coursera (simulated)' },
        achievement: { name: 'Climate Action: Foundations', type: 'CertificateOfCompletion' },
      });

      expect((await call('POST', '/__sim/revoke', { credentialId: issued.id })).status).toBe(204);
      const revoked = await verifier.verify(issued.credential, { presenter: learner });
      expect(revoked.status).toBe('FAILED');
      expect(revoked.reasons).toEqual([expect.objectContaining({ check: 'status', code: 'REVOKED' })]);
    });
  }

  it('suspends and reinstates, only the credential concerned', async () => {
    const first = await issue(
      'edx',
      'https://courses.edx.org/courses/course-v1:UNx+GENDER201+2024_T2/about',
      'data-integrity',
    );
    const second = await issue(
      'edx',
      'https://courses.edx.org/courses/course-v1:UNx+GENDER201+2024_T2/about',
      'vc-jwt',
    );
    await call('POST', '/__sim/suspend', { credentialId: first.id });
    expect((await verifier.verify(first.credential)).checks.status.reason).toBe('SUSPENDED');
    expect((await verifier.verify(second.credential)).status).toBe('VERIFIED');
    await call('POST', '/__sim/unsuspend', { credentialId: first.id });
    expect((await verifier.verify(first.credential)).status).toBe('VERIFIED');
    const listed = (await call('GET', '/__sim/credentials')).body as { id: string; suspended: boolean }[];
    expect(listed.find((c) => c.id === first.id)?.suspended).toBe(false);
  });

  it('serves an issued credential at its public URL, and hashes the e-mail of its learner', async () => {
    const issued = await issue('linkedin-learning', 'urn:li:lyndaCourse:563322', 'data-integrity');
    const uuid = issued.id.replace('urn:uuid:', '');
    const served = (await call('GET', `/providers/linkedin-learning/credentials/${uuid}`)).body;
    expect(served).toEqual(issued.credential);
    expect(JSON.stringify(served)).not.toContain('amina.diallo@un.org');
    const stranger = await verifier.verify(served, { presenter: { emails: ['someone.else@un.org'] } });
    expect(stranger.checks.subject.reason).toBe('SUBJECT_MISMATCH');
  });

  it('issues with a validity period the verifier enforces', async () => {
    const issued = await issue('coursera', 'https://www.coursera.org/learn/data-protection-essentials', 'vc-jwt', {
      validFrom: '2024-01-01T00:00:00Z',
      validUntil: '2024-12-31T00:00:00Z',
    });
    expect((await verifier.verify(issued.credential)).checks.validity.reason).toBe('EXPIRED');
  });

  it('rejects bad control requests with 400/404 and a reason', async () => {
    expect((await call('POST', '/__sim/credentials', { provider: 'coursera' })).status).toBe(400);
    const unknown = await call('POST', '/__sim/credentials', {
      provider: 'udemy',
      achievementId: 'x',
      recipient: { email: 'a@b.org' },
    });
    expect(unknown.status).toBe(404);
    expect((await call('POST', '/__sim/revoke', { credentialId: 'urn:uuid:nope' })).status).toBe(404);
  });

  it('keeps the same keys for the same seed and port, so earlier credentials still verify after a restart', async () => {
    const port = Number(new URL(simulator.url).port);
    const issued = await issue(
      'edx',
      'https://courses.edx.org/courses/course-v1:SDGAcademyX+WATER101+2024_T1/about',
      'vc-jwt',
    );
    await simulator.close();
    simulator = await startPlatformSimulator({ seed: 7, port });
    // A fresh verifier: nothing cached from before the restart.
    const fresh = createCredentialVerifier({ fetch: { allowHttp: true, allowPrivateNetwork: true }, statusTtlMs: 0 });
    try {
      expect((await fresh.verify(issued.credential)).status).toBe('VERIFIED');
    } finally {
      fresh.dispose();
    }
  });
});
