import type { FieldNode } from 'graphql';
import { compareSortKeys, decodeSortKeyCursor, type SortKey } from '../../schema/ordering.js';
import type { CursorCodec } from './cursor.js';
import { HIDDEN, isHiddenKey } from './rewrite.js';
import { type Fragments, responseKeysFor } from './selections.js';

type Json = Record<string, unknown>;

/** One agency's value for one root field. */
export interface Part {
  readonly agency: string;
  readonly value: Json;
}

/** Where an agency's list item landed in the merged answer, for remapping error paths. */
export type IndexMap = ReadonlyMap<string, number>;
export const indexKey = (agency: string, index: number) => `${agency}#${index}`;

const withoutHidden = (value: Json): Json =>
  Object.fromEntries(Object.entries(value).filter(([key]) => !isHiddenKey(key)));

export interface ConnectionOptions {
  readonly first: number;
  readonly descending: boolean;
  readonly resumed: boolean;
  readonly fingerprint: string;
  readonly codec: CursorCodec;
}

/** Checks the hidden fields an agency must have answered; a part without them is a bad response. */
export function connectionKeys(part: Part): SortKey[] | null {
  const edges = part.value[HIDDEN.edges];
  const total = part.value[HIDDEN.total];
  const page = part.value[HIDDEN.page] as Json | null | undefined;
  if (!Array.isArray(edges) || typeof total !== 'number' || typeof page?.hasNextPage !== 'boolean') return null;
  const keys = edges.map((edge) => decodeSortKeyCursor(String((edge as Json | null)?.[HIDDEN.cursor] ?? '')));
  return keys.every((key): key is SortKey => key !== null) ? keys : null;
}

/**
 * CONNECTION: k-way merge of the agencies' sorted pages by the shared total order, trimmed to `first`;
 * edge cursors become signed composite cursors, `totalCount` is summed, `pageInfo` recomputed.
 */
export function mergeConnection(
  field: FieldNode,
  fragments: Fragments,
  parts: readonly (Part & { keys: readonly SortKey[] })[],
  options: ConnectionOptions,
): { value: Json; indexMap: IndexMap } {
  const entries = parts.flatMap((part, p) => part.keys.map((key, i) => ({ p, i, key })));
  entries.sort((a, b) => compareSortKeys(a.key, b.key, options.descending));
  const taken = entries.slice(0, options.first);
  const cursors = taken.map((t) => options.codec.encode(t.key, options.fingerprint));
  const hasNextPage =
    entries.length > options.first || parts.some((part) => (part.value[HIDDEN.page] as Json).hasNextPage === true);
  const value: Json = {};
  for (const { key } of responseKeysFor(field.selectionSet, fragments, '__typename')) value[key] = parts[0]?.value[key];
  for (const { key } of responseKeysFor(field.selectionSet, fragments, 'totalCount')) {
    value[key] = parts.reduce((sum, part) => sum + (part.value[HIDDEN.total] as number), 0);
  }
  for (const { key, field: edgesField } of responseKeysFor(field.selectionSet, fragments, 'edges')) {
    const cursorKeys = responseKeysFor(edgesField.selectionSet, fragments, 'cursor').map((c) => c.key);
    value[key] = taken.map(({ p, i }, merged) => {
      const edge = { ...((parts[p]!.value[key] as Json[])[i] as Json) };
      for (const cursorKey of cursorKeys) edge[cursorKey] = cursors[merged];
      return edge;
    });
  }
  for (const { key, field: pageField } of responseKeysFor(field.selectionSet, fragments, 'pageInfo')) {
    const info: Json = {};
    const set = (name: string, fieldValue: unknown) => {
      for (const sub of responseKeysFor(pageField.selectionSet, fragments, name)) info[sub.key] = fieldValue;
    };
    set('__typename', 'PageInfo');
    set('hasNextPage', hasNextPage);
    set('hasPreviousPage', options.resumed);
    set('startCursor', cursors[0] ?? null);
    set('endCursor', cursors.at(-1) ?? null);
    value[key] = info;
  }
  const indexMap = new Map(taken.map((t, merged) => [indexKey(parts[t.p]!.agency, t.i), merged]));
  return { value, indexMap };
}

/** LIST: concatenation in agency order. */
export function mergeList(parts: readonly { agency: string; value: unknown[] }[]): {
  value: unknown[];
  indexMap: IndexMap;
} {
  const indexMap = new Map<string, number>();
  const value: unknown[] = [];
  for (const part of parts) {
    part.value.forEach((item, i) => {
      indexMap.set(indexKey(part.agency, i), value.length);
      value.push(item);
    });
  }
  return { value, indexMap };
}

/**
 * SUM: counts added; lists (the agencies covered) concatenated in agency order; each declared rate
 * recomputed from the summed numerator and denominator.
 */
export function mergeSum(
  field: FieldNode,
  fragments: Fragments,
  parts: readonly Part[],
  ratios: Readonly<Record<string, readonly [string, string]>>,
): Json {
  const rateKeys = new Map<string, string>();
  for (const rate of Object.keys(ratios)) {
    for (const { key } of responseKeysFor(field.selectionSet, fragments, rate)) rateKeys.set(key, rate);
  }
  const first = parts[0]?.value ?? {};
  const value: Json = {};
  const total = (key: string) => parts.reduce((sum, part) => sum + (Number(part.value[key]) || 0), 0);
  for (const [key, sample] of Object.entries(withoutHidden(first))) {
    const rate = rateKeys.get(key);
    if (rate) {
      const denominator = total(HIDDEN.denominator(rate));
      value[key] = denominator > 0 ? total(HIDDEN.numerator(rate)) / denominator : null;
    } else if (typeof sample === 'number') {
      value[key] = total(key);
    } else if (Array.isArray(sample)) {
      value[key] = parts.flatMap((part) => (Array.isArray(part.value[key]) ? (part.value[key] as unknown[]) : []));
    } else {
      value[key] = sample;
    }
  }
  return value;
}
