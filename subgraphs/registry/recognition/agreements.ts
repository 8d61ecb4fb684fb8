import { parseGlobalId } from '../../../schema/globalId.js';
import type { CredentialSummary } from '../credentials/index.js';
import type { AgreementRecord, ProviderRecord, RecognisedAsRecord, RecognitionCriteria } from './records.js';

/** What a caller gives to create or change an agreement, before it is checked. */
export interface AgreementDraft {
  readonly recognisingAgency: string;
  readonly provider: string;
  readonly recognises: {
    readonly achievementIds?: readonly string[] | null;
    readonly courseIds?: readonly string[] | null;
    readonly credentialTypes?: readonly string[] | null;
    readonly minimumHours?: number | null;
  };
  readonly countsAs: { readonly courseId?: string | null; readonly hours?: number | null };
  readonly validFrom: Date;
  readonly validUntil?: Date | null;
}

export interface CheckedAgreement {
  readonly recognisingAgency: string;
  readonly provider: string;
  readonly recognises: RecognitionCriteria;
  readonly countsAs: RecognisedAsRecord;
  readonly validFrom: string;
  readonly validUntil: string | null;
}

const MAX_ITEMS = 100;
const MAX_ITEM_LENGTH = 500;
const MAX_HOURS = 10_000;

function list(values: readonly string[] | null | undefined, field: string, problems: string[]): string[] {
  const items = [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))];
  if (items.length > MAX_ITEMS) problems.push(`${field} lists more than ${MAX_ITEMS} items`);
  if (items.some((v) => v.length > MAX_ITEM_LENGTH))
    problems.push(`${field} has an item over ${MAX_ITEM_LENGTH} characters`);
  return items;
}

function hours(value: number | null | undefined, field: string, problems: string[]): number | null {
  if (value === null || value === undefined) return null;
  if (!(Number.isFinite(value) && value > 0 && value <= MAX_HOURS))
    problems.push(`${field} must be more than 0 and at most ${MAX_HOURS}`);
  return value;
}

/**
 * Checks an agreement as given: every problem listed, one sentence each. What the registry knows (that the
 * agency is registered, the provider exists) is checked by the service.
 */
export function checkAgreement(draft: AgreementDraft): { agreement: CheckedAgreement; problems: string[] } {
  const problems: string[] = [];
  const recognises: RecognitionCriteria = {
    achievementIds: list(draft.recognises.achievementIds, 'recognises.achievementIds', problems),
    courseIds: list(draft.recognises.courseIds, 'recognises.courseIds', problems),
    credentialTypes: list(draft.recognises.credentialTypes, 'recognises.credentialTypes', problems),
    minimumHours: hours(draft.recognises.minimumHours, 'recognises.minimumHours', problems),
  };
  const { achievementIds, courseIds, credentialTypes, minimumHours } = recognises;
  if (achievementIds.length + courseIds.length + credentialTypes.length === 0 && minimumHours === null) {
    problems.push('recognises must name achievements, courses, credential types or a minimum of hours');
  }
  let countsAs: RecognisedAsRecord;
  const courseId = draft.countsAs.courseId?.trim();
  if (courseId) {
    const parsed = parseGlobalId(courseId);
    if (parsed?.type !== 'course' || parsed.agency !== draft.recognisingAgency) {
      problems.push(
        `countsAs.courseId must be a course of ${draft.recognisingAgency} (\`${draft.recognisingAgency}:course:<id>\`)`,
      );
    }
    if (draft.countsAs.hours !== null && draft.countsAs.hours !== undefined) {
      problems.push('countsAs names a course or hours of credit, not both');
    }
    countsAs = { kind: 'COURSE', courseId };
  } else {
    countsAs = { kind: 'CREDIT_HOURS', hours: hours(draft.countsAs.hours, 'countsAs.hours', problems) };
  }
  const from = draft.validFrom;
  const until = draft.validUntil ?? null;
  if (Number.isNaN(from.getTime())) problems.push('validFrom must be a date');
  if (until && !(until.getTime() > from.getTime())) problems.push('validUntil must be after validFrom');
  return {
    agreement: {
      recognisingAgency: draft.recognisingAgency,
      provider: draft.provider,
      recognises,
      countsAs,
      validFrom: from.toISOString(),
      validUntil: until ? until.toISOString() : null,
    },
    problems,
  };
}

/** Whether an agreement is in force at `now`: ACTIVE and within its validity period. */
export function inForce(agreement: AgreementRecord, now: Date): boolean {
  const at = now.toISOString();
  return (
    agreement.status === 'ACTIVE' &&
    agreement.validFrom <= at &&
    (agreement.validUntil === null || at < agreement.validUntil)
  );
}

/** The types a credential shows: its `type`s and its achievement's type. */
const typesOf = (credential: CredentialSummary) => [
  ...credential.types,
  ...(credential.achievement?.type ? [credential.achievement.type] : []),
];

/**
 * Whether a (verified) credential is what an agreement recognises: issued by the agreement's provider (its
 * issuer id is one of the provider's), of a type the provider is accepted for, and meeting every criterion
 * the agreement names.
 */
export function recognises(
  agreement: AgreementRecord,
  provider: ProviderRecord,
  credential: CredentialSummary,
  now: Date,
): boolean {
  if (!inForce(agreement, now)) return false;
  if (!credential.issuer.id || !provider.issuerIds.includes(credential.issuer.id)) return false;
  const types = typesOf(credential);
  if (provider.acceptedCredentialTypes.length > 0 && !types.some((t) => provider.acceptedCredentialTypes.includes(t))) {
    return false;
  }
  const { achievementIds, courseIds, credentialTypes, minimumHours } = agreement.recognises;
  const achievement = credential.achievement;
  if (achievementIds.length > 0 && !(achievement?.id && achievementIds.includes(achievement.id))) return false;
  if (courseIds.length > 0 && !(achievement?.humanCode && courseIds.includes(achievement.humanCode))) return false;
  if (credentialTypes.length > 0 && !types.some((t) => credentialTypes.includes(t))) return false;
  if (minimumHours !== null && !(credential.hours !== null && credential.hours >= minimumHours)) return false;
  return true;
}

/** The hours a recognition credits: the agreement's fixed hours, else what the credential states. */
export function creditedHours(agreement: AgreementRecord, credential: CredentialSummary): number | null {
  return agreement.countsAs.kind === 'CREDIT_HOURS' && agreement.countsAs.hours !== null
    ? agreement.countsAs.hours
    : credential.hours;
}
