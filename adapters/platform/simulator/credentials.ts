import { randomBytes, randomUUID } from 'node:crypto';
import { identityHash } from '../../core/credentials/index.js';
import type { PlatformIssuer } from './issuers.js';
import type { SeededAchievement } from './providers.js';

export interface Recipient {
  /** Hashed with a fresh salt into an OB 3.0 IdentityObject (`identityType: emailAddress`). */
  readonly email?: string | undefined;
  /** A DID or URI of the learner, as `credentialSubject.id`. */
  readonly id?: string | undefined;
}

export interface CredentialDraft {
  readonly issuer: PlatformIssuer;
  readonly achievement: SeededAchievement;
  readonly recipient: Recipient;
  readonly statusEntries: readonly Record<string, unknown>[];
  /** @default now */
  readonly validFrom?: string;
  readonly validUntil?: string;
}

const SECOND_PRECISION = /\.\d{3}Z$/;

/**
 * An OB 3.0 AchievementCredential (VCDM 2.0) for a completed course, unsigned. The learner is named by a
 * salted e-mail hash (OB 3.0 IdentityHash), so the address itself is not in the credential.
 */
export function buildCredential(draft: CredentialDraft): Record<string, unknown> {
  const { issuer, achievement, recipient } = draft;
  const validFrom = draft.validFrom ?? new Date().toISOString().replace(SECOND_PRECISION, 'Z');
  const salt = randomBytes(8).toString('hex');
  const identifier = recipient.email
    ? [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: identityHash(recipient.email, salt),
          salt,
        },
      ]
    : undefined;
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: `urn:uuid:${randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: issuer.profile,
    validFrom,
    ...(draft.validUntil ? { validUntil: draft.validUntil } : {}),
    name: achievement.name,
    credentialSubject: {
      ...(recipient.id ? { id: recipient.id } : {}),
      type: ['AchievementSubject'],
      ...(identifier ? { identifier } : {}),
      activityEndDate: validFrom,
      achievement: {
        id: achievement.id,
        type: ['Achievement'],
        achievementType: achievement.achievementType,
        name: achievement.name,
        description: achievement.description,
        criteria: { narrative: `Completed every graded item of ${achievement.name} on ${issuer.provider.name}.` },
        humanCode: achievement.humanCode,
        creditsAvailable: achievement.hours,
        inLanguage: achievement.language,
        alignment: achievement.sdgs.map((sdg) => ({
          type: ['Alignment'],
          targetName: `Sustainable Development Goal ${sdg}`,
          targetUrl: `http://metadata.un.org/sdg/${sdg}`,
          targetFramework: 'UN Sustainable Development Goals',
        })),
      },
    },
    credentialStatus: [...draft.statusEntries],
  };
}
