import { badUserInput, invalidCursor } from '../../schema/errors.js';
import type { Connection } from '../../schema/model/connection.js';
import { compareSortKeys, decodeSortKeyCursor, encodeSortKeyCursor, type SortKey } from '../../schema/ordering.js';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '../../schema/paging.js';

export interface PageArgs {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly descending: boolean;
}

/** Validates `first`; the gateway applies the same rule before fanning out. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  const problem = pageSizeProblem(size);
  if (problem) throw badUserInput(problem);
  return size;
}

/**
 * Orders items by the shared total order (schema/ordering.ts) and returns the page strictly after the
 * `after` key. The key may come from another agency (the gateway resumes every agency from the last
 * item it emitted), which the total order makes exact.
 */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => SortKey, args: PageArgs): Connection<T> {
  const size = pageSize(args.first);
  const after = args.after ? decodeSortKeyCursor(args.after) : null;
  if (args.after && !after) throw invalidCursor();
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key, args.descending));
  const start = after ? keyed.filter((entry) => compareSortKeys(entry.key, after, args.descending) > 0) : keyed;
  const page = start.slice(0, size);
  const edges = page.map((entry) => ({ cursor: encodeSortKeyCursor(entry.key), node: entry.item }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start.length > size,
      hasPreviousPage: keyed.length > start.length,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
