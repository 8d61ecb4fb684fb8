import type { RecognitionRecord, RecognitionStatus } from './records.js';

export interface RecognitionFilter {
  readonly agencies?: readonly string[] | null;
  readonly statuses?: readonly RecognitionStatus[] | null;
  readonly provider?: string | null;
}

export interface RecognitionCountRow {
  readonly agency: string;
  readonly status: RecognitionStatus;
  /** Null when withheld (under the suppression threshold). */
  readonly count: number | null;
  readonly suppressed: boolean;
}

/** What `recognitions` answers: the records one by one (personal scopes) or null, and counts. */
export interface RecognitionTally {
  readonly items: readonly RecognitionRecord[] | null;
  readonly total: number | null;
  readonly totalSuppressed: boolean;
  readonly counts: readonly RecognitionCountRow[];
}

export function matchesFilter(record: RecognitionRecord, filter: RecognitionFilter): boolean {
  return (
    (!filter.agencies?.length || filter.agencies.includes(record.agency)) &&
    (!filter.statuses?.length || filter.statuses.includes(record.status)) &&
    (!filter.provider || filter.provider === record.provider)
  );
}

/**
 * Counts per agency and status. With a `threshold` (aggregate readers: analysts, registry admins) the
 * records are not returned and every count of people under it is withheld, as learning statistics are
 * (small-cell suppression, schema/disclosure.ts); without one (a learner's own, a manager's agency) all is
 * shown.
 */
export function tally(
  records: readonly RecognitionRecord[],
  filter: RecognitionFilter,
  threshold: number | null,
): RecognitionTally {
  const matching = records.filter((r) => matchesFilter(r, filter));
  const groups = new Map<string, { agency: string; status: RecognitionStatus; count: number }>();
  for (const record of matching) {
    const key = `${record.agency}\u0000${record.status}`;
    const group = groups.get(key) ?? { agency: record.agency, status: record.status, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  const small = (count: number) => threshold !== null && count < threshold;
  const counts = [...groups.values()]
    .sort((a, b) => a.agency.localeCompare(b.agency) || a.status.localeCompare(b.status))
    .map((g) => ({
      agency: g.agency,
      status: g.status,
      count: small(g.count) ? null : g.count,
      suppressed: small(g.count),
    }));
  const items =
    threshold === null
      ? [...matching].sort((a, b) => b.presentedAt.localeCompare(a.presentedAt) || a.id.localeCompare(b.id))
      : null;
  return {
    items,
    total: small(matching.length) ? null : matching.length,
    totalSuppressed: small(matching.length),
    counts,
  };
}
