import { randomUUID } from 'node:crypto';
import {
  type CredentialVerifierSettings,
  createCredentialVerifier,
} from '../../../../subgraphs/registry/credentials/index.js';

/** An Open Badges 3.0 credential (VCDM 2.0) for tests, without proof; override any field. */
export function openBadge(issuer: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Test Academy' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Data Protection Essentials',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          // sha256("amina.diallo@un.org" + "pepper"), see identityHash in checks/identityHash.ts
          identityHash: 'sha256$2db5ebbc21ae8d785fc13acf44f96abcf354e2002ff3daec203c0c2c649a18d6',
          salt: 'pepper',
        },
      ],
      achievement: {
        id: 'https://academy.example/achievements/data-protection',
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Data Protection Essentials',
        description: 'Foundations of personal data protection.',
        criteria: { narrative: 'Pass the final assessment.' },
      },
    },
    ...overrides,
  };
}

/** A verifier that may reach loopback over http, the way every test in this folder runs. */
export function loopbackVerifier(settings: CredentialVerifierSettings = {}) {
  return createCredentialVerifier({
    fetch: { allowHttp: true, allowPrivateNetwork: true, timeoutMs: 2_000 },
    statusTtlMs: 0,
    ...settings,
  });
}
