import type { CurationCriterion } from './criteria.js';
import type { Curation, CurationReview } from './model.js';
import { type CurationEntry, type CurationRecord, currentEntry } from './store.js';

/** What resolvers return for `Curation`; `recommendedBy` is resolved to agencies by its field resolver. */
export type CurationView = Curation & { readonly recommendedByCodes: readonly string[] };

const reviewView = (entry: CurationEntry, showReviewer: boolean): CurationReview => ({
  status: entry.status,
  criteriaMet: [...entry.criteriaMet],
  recommendedBy: [...entry.recommendedBy],
  reviewer: showReviewer ? entry.reviewer : null,
  reviewerAgency: entry.reviewerAgency,
  reviewedAt: new Date(entry.reviewedAt),
  note: entry.note,
});

/** Reviewers are people: named to signed-in callers only (the gateway enforces @authenticated too). */
export function curationView(
  record: CurationRecord,
  criteria: readonly CurationCriterion[],
  showReviewer: boolean,
): CurationView {
  const current = currentEntry(record);
  const met = new Set(current.criteriaMet);
  return {
    ...reviewView(current, showReviewer),
    courseId: record.courseId,
    criteria: criteria.map((c) => ({ id: c.id, description: c.description, met: met.has(c.id) })),
    history: record.history.map((entry) => reviewView(entry, showReviewer)),
    recommendedByCodes: current.recommendedBy,
  };
}
