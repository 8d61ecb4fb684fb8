/**
 * Small-cell suppression of aggregates (statistical disclosure control): a count of people under the
 * threshold could single a person out ("the one WFP learner who failed course X"), so it is withheld —
 * null, with the reason in the response's `extensions.disclosure`. Course counts are not about people and
 * are never suppressed; a rate is suppressed when its numerator or denominator is.
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/** Fields of `LearningStats` that count people or their records. */
export const PERSON_COUNT_FIELDS = [
  'learnerCount',
  'enrollmentCount',
  'completedCount',
  'inProgressCount',
  'failedCount',
  'withdrawnCount',
  'credentialCount',
] as const;

/** Rates and the counts they are computed from. */
export const RATE_FIELDS: Readonly<Record<string, readonly [string, string]>> = {
  completionRate: ['completedCount', 'enrollmentCount'],
};

export const SUPPRESSION_REASON = 'SMALL_COUNT';

const isSmall = (value: unknown, threshold: number) => typeof value === 'number' && value < threshold;

/**
 * Which fields of one `LearningStats` object must be withheld, given the raw counts. `counts` may hold
 * only the fields a client asked for plus the counts behind requested rates.
 */
export function fieldsToSuppress(counts: Readonly<Record<string, unknown>>, threshold: number): string[] {
  const suppressed: string[] = PERSON_COUNT_FIELDS.filter((field) => isSmall(counts[field], threshold));
  for (const [rate, [numerator, denominator]] of Object.entries(RATE_FIELDS)) {
    if (isSmall(counts[numerator], threshold) || isSmall(counts[denominator], threshold)) suppressed.push(rate);
  }
  return suppressed;
}

/** A copy of `stats` with small counts (and rates built on them) null. */
export function suppressSmallCounts<T extends object>(stats: T, threshold: number): T {
  const suppressed = fieldsToSuppress(stats as Readonly<Record<string, unknown>>, threshold);
  if (suppressed.length === 0) return stats;
  const copy: Record<string, unknown> = { ...(stats as Record<string, unknown>) };
  for (const field of suppressed) copy[field] = null;
  return copy as T;
}
