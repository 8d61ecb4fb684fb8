/**
 * The one total order that both the agency subgraphs and the gateway's k-way merge use.
 *
 * Every item of a connection has a sort key `[value, globalId]`. Agencies sort their own items by it and
 * resume strictly after a given key; the gateway merges the agencies' pages by it. Because the global id
 * breaks ties, the order is total across agencies, so a single key is a cursor that every agency can
 * resume from — including one that joined after the first page was served.
 *
 * String values are compared after a deterministic normalisation (NFKD, diacritics dropped, lowercase)
 * and then by code point, not with `Intl.Collator`: agency subgraphs may run other Node/ICU versions
 * than the gateway, and collations differ between ICU releases.
 */
export type SortValue = string | number | null;
export type SortKey = readonly [SortValue, string];

export function normaliseSortText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function compareValues(a: SortValue, b: SortValue): number {
  // Missing values sort after present ones in ascending order (NULLS LAST).
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  return compareCodePoints(String(a), String(b));
}

/** Compares two sort keys; `descending` reverses the whole key, tie-break included. */
export function compareSortKeys(a: SortKey, b: SortKey, descending: boolean): number {
  const byValue = compareValues(a[0], b[0]);
  const result = byValue !== 0 ? byValue : compareCodePoints(a[1], b[1]);
  return descending ? -result : result;
}

/** Agency-level cursors are the item's sort key, base64url-encoded JSON. */
export function encodeSortKeyCursor(key: SortKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes an agency-level cursor; returns null when it is not one. */
export function decodeSortKeyCursor(cursor: string): SortKey | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
    const valueOk =
      value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
    if (!valueOk || typeof id !== 'string' || id.length === 0) return null;
    return [value as SortValue, id];
  } catch {
    return null;
  }
}
