import { type Detected, isOpenBadges2 } from '../input/detectFormat.js';
import { OPEN_BADGE_TYPES } from '../summary.js';
import { type CheckResult, type CredentialSummary, notPassed, passed, skipped } from '../verdict.js';

/** What the presenter says the credential is (each field optional; given fields must all match). */
export interface ClaimedAchievement {
  /** `credentialSubject.achievement.id` (OB 3.0) or the BadgeClass id (OB 2.0). */
  readonly achievementId?: string;
  /** OB 3.0 `achievementType`, e.g. `Certificate` or `ext:...`. */
  readonly achievementType?: string;
  /** A credential `type`, e.g. `OpenBadgeCredential`. */
  readonly credentialType?: string;
  /** The issuer id (DID or URL). */
  readonly issuerId?: string;
}

/**
 * The credential is for an achievement, and for the one claimed. An Open Badge that names no achievement
 * fails; a plain VC (not an achievement credential) passes only when nothing about an achievement is claimed.
 */
export function checkAchievement(
  detected: Detected,
  summary: CredentialSummary,
  claimed: ClaimedAchievement = {},
): CheckResult {
  const isBadge = isOpenBadges2(detected) || summary.types.some((t) => OPEN_BADGE_TYPES.includes(t));
  const achievement = summary.achievement;
  if (claimed.credentialType && !summary.types.includes(claimed.credentialType)) {
    return notPassed('CREDENTIAL_TYPE_MISMATCH', `the credential is not of type ${claimed.credentialType}`);
  }
  if (claimed.issuerId && summary.issuer.id !== claimed.issuerId) {
    return notPassed(
      'ISSUER_MISMATCH',
      `the credential was issued by ${summary.issuer.id ?? 'nobody named'}, not ${claimed.issuerId}`,
    );
  }
  if (claimed.achievementId && achievement?.id !== claimed.achievementId) {
    return notPassed(
      'ACHIEVEMENT_MISMATCH',
      `the credential is for ${achievement?.id ?? 'no named achievement'}, not ${claimed.achievementId}`,
    );
  }
  if (claimed.achievementType && achievement?.type !== claimed.achievementType) {
    return notPassed(
      'ACHIEVEMENT_MISMATCH',
      `the achievement is a ${achievement?.type ?? 'untyped achievement'}, not a ${claimed.achievementType}`,
    );
  }
  if (isBadge && !achievement?.id) return notPassed('ACHIEVEMENT_MISMATCH', 'the badge names no achievement id');
  if (!achievement) return skipped('not an achievement credential, and no achievement was claimed');
  return passed(`for the achievement ${achievement.name ?? achievement.id}`);
}
