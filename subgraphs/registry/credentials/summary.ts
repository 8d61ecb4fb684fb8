import { idOf, isObject, type JsonObject, stringOf, typesOf, values } from '../../../adapters/core/credentials/json.js';
import { validityWindowOf } from './checks/validity.js';
import { type Detected, isOpenBadges2 } from './input/detectFormat.js';
import type { CredentialSummary } from './verdict.js';

/** OB 3.0 credential types (AchievementCredential is the alias OB 3.0 keeps for OpenBadgeCredential). */
export const OPEN_BADGE_TYPES = ['OpenBadgeCredential', 'AchievementCredential'];

/** A non-negative finite number of hours, else null (OB 3.0 credits are floats). */
const hoursOf = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;

const nameOf = (value: unknown): string | null =>
  stringOf(value) ?? (isObject(value) ? stringOf(value['@value']) : null);

/**
 * What the credential claims, read out of its JSON. For OB 2.0 the achievement is the BadgeClass and the
 * issuer its Profile, which only the signature check fetched; pass them in when known.
 */
export function summarise(
  detected: Detected,
  badge: JsonObject | null = null,
  profile: JsonObject | null = null,
): CredentialSummary {
  const c = detected.credential;
  const window = validityWindowOf(detected);
  const date = (value: unknown) => stringOf(value);
  if (isOpenBadges2(detected)) {
    const badgeNode = badge ?? (isObject(c.badge) ? c.badge : null);
    return {
      id: idOf(c),
      types: typesOf(c),
      vcdm: null,
      issuer: { id: idOf(profile), name: nameOf(profile?.name) },
      name: nameOf(badgeNode?.name),
      achievement: {
        id: badgeNode ? idOf(badgeNode) : idOf(c.badge),
        name: nameOf(badgeNode?.name),
        type: null,
        humanCode: null,
      },
      hours: null,
      statusEntries: [],
      subjectId: null,
      validFrom: date(window.from),
      validUntil: date(window.until),
    };
  }
  const subject = values(c.credentialSubject).find(isObject) ?? null;
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : null;
  return {
    id: idOf(c),
    types: typesOf(c),
    vcdm: detected.vcdm,
    issuer: { id: idOf(c.issuer), name: isObject(c.issuer) ? nameOf(c.issuer.name) : null },
    name: nameOf(c.name),
    achievement: achievement
      ? {
          id: idOf(achievement),
          name: nameOf(achievement.name),
          type: stringOf(achievement.achievementType),
          humanCode: stringOf(achievement.humanCode),
        }
      : null,
    hours: hoursOf(subject?.creditsEarned) ?? hoursOf(achievement?.creditsAvailable),
    statusEntries: values(c.credentialStatus).filter(isObject),
    subjectId: subject ? idOf(subject) : null,
    validFrom: date(window.from),
    validUntil: date(window.until),
  };
}
