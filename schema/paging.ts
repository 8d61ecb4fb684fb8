/** Page-size rules shared by the agency subgraphs and the gateway's merge. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Why `first` is not an acceptable page size, or null when it is (the same rule at gateway and agency). */
export function pageSizeProblem(first: unknown): string | null {
  const ok = typeof first === 'number' && Number.isInteger(first) && first >= 0 && first <= MAX_PAGE_SIZE;
  return ok ? null : `\`first\` must be between 0 and ${MAX_PAGE_SIZE}; got ${String(first)}.`;
}
