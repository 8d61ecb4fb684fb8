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

/** An item with its sort key; the cursor is encoded once, when an edge first needs it. */
export interface Keyed<T> {
  readonly item: T;
  readonly key: SortKey;
  cursor?: string;
}

/** Items in the shared total order (schema/ordering.ts), ready for `pageOf`. */
export function sortByKey<T>(items: readonly T[], keyOf: (item: T) => SortKey, descending: boolean): Keyed<T>[] {
  const keyed: Keyed<T>[] = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => compareSortKeys(a.key, b.key, descending));
  return keyed;
}

/** Index of the first entry strictly after `after` (the entries are sorted by the same order). */
function startAfter<T>(sorted: readonly Keyed<T>[], after: SortKey, descending: boolean): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareSortKeys(sorted[mid]!.key, after, descending) > 0) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The page strictly after the `after` key of items already sorted with `args.descending`. The key may
 * come from another agency (the gateway resumes every agency from the last item it emitted), which the
 * total order makes exact.
 */
export function pageOf<T>(sorted: readonly Keyed<T>[], args: PageArgs): Connection<T> {
  const size = pageSize(args.first);
  const after = args.after ? decodeSortKeyCursor(args.after) : null;
  if (args.after && !after) throw invalidCursor();
  const start = after ? startAfter(sorted, after, args.descending) : 0;
  const page = sorted.slice(start, start + size);
  const edges = page.map((entry) => {
    entry.cursor ??= encodeSortKeyCursor(entry.key);
    return { cursor: entry.cursor, node: entry.item };
  });
  return {
    edges,
    totalCount: sorted.length,
    pageInfo: {
      hasNextPage: sorted.length - start > size,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** Orders items by the shared total order and returns the page strictly after the `after` key. */
export function paginate<T>(items: readonly T[], keyOf: (item: T) => SortKey, args: PageArgs): Connection<T> {
  // Validated before sorting, so that a bad page costs nothing.
  pageSize(args.first);
  return pageOf(sortByKey(items, keyOf, args.descending), args);
}
