import type { SimulatorResponse } from '../../core/simulator.js';

/** One `criteria/...` condition of a `$filter` (lms-apis.md §3.4: criteria act as input parameters). */
export interface Criterion {
  readonly prefix: string;
  readonly field: string;
  readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'contains';
  readonly value: string | number | boolean;
}

export class ODataRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const CRITERIA_PREFIXES = new Set(['criteria', 'scriteria', 'icriteria', 'liscriteria']);
const CONTAINS = /\s*contains\(\s*(\w+)\/(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)\s*/y;
const COMPARE = /\s*(?:(\w+)\/)?(\w+)\s+(eq|ne|lt|le|gt|ge)\s+('(?:[^']|'')*'|-?\d+(?:\.\d+)?|true|false)\s*/iy;
const AND = /and\b/iy;

function readValue(raw: string): string | number | boolean {
  if (raw.startsWith("'")) return raw.slice(1, -1).replaceAll("''", "'");
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return Number(raw);
}

/**
 * Parses a conjunction of criteria conditions. Filters on ordinary properties are rejected, as only
 * criteria fields are dependable upstream (§3.5); `or`, `not` and functions other than contains are too.
 */
export function parseFilter(filter: string | null): Criterion[] {
  if (!filter?.trim()) return [];
  const out: Criterion[] = [];
  let at = 0;
  for (;;) {
    CONTAINS.lastIndex = at;
    COMPARE.lastIndex = at;
    const contains = CONTAINS.exec(filter);
    const compare = contains ? null : COMPARE.exec(filter);
    const match = contains ?? compare;
    if (!match) throw new ODataRequestError(400, `Invalid filter expression at position ${at}.`);
    const prefix = (match[1] ?? '').toLowerCase();
    if (!CRITERIA_PREFIXES.has(prefix)) {
      throw new ODataRequestError(400, `Filtering on ${match[2]} is not supported; use criteria fields.`);
    }
    out.push(
      contains
        ? { prefix, field: match[2]!, op: 'contains', value: readValue(`'${match[3]!}'`) }
        : { prefix, field: match[2]!, op: match[3]!.toLowerCase() as Criterion['op'], value: readValue(match[4]!) },
    );
    at = (contains ? CONTAINS : COMPARE).lastIndex;
    if (at >= filter.length) return out;
    AND.lastIndex = at;
    if (!AND.exec(filter)) throw new ODataRequestError(400, `Invalid filter expression at position ${at}.`);
    at = AND.lastIndex;
  }
}

/** The value given for a criteria field with `eq`, if any. */
export function criterion(criteria: readonly Criterion[], field: string): string | number | boolean | undefined {
  return criteria.find((c) => c.field.toLowerCase() === field.toLowerCase() && c.op === 'eq')?.value;
}

/** Whether a row value satisfies one condition; `contains` and string `eq` ignore case. */
export function satisfies(value: unknown, c: Criterion): boolean {
  if (value === null || value === undefined) return false;
  if (c.op === 'contains') return String(value).toLowerCase().includes(String(c.value).toLowerCase());
  const [a, b] = typeof c.value === 'string' ? [String(value).toLowerCase(), c.value.toLowerCase()] : [value, c.value];
  switch (c.op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'lt':
      return (a as number) < (b as number);
    case 'le':
      return (a as number) <= (b as number);
    case 'gt':
      return (a as number) > (b as number);
    case 'ge':
      return (a as number) >= (b as number);
    default: {
      const unreachable: never = c.op;
      throw new Error(`unknown operator ${String(unreachable)}`);
    }
  }
}

export function odataError(status: number, message: string, code = String(status)): SimulatorResponse {
  return { status, body: { error: { code, message } } };
}

/** SAP KBA 2925125: at most 1,000 rows per page, whatever `$top` says. */
export const MAX_PAGE = 1000;

function intParam(url: URL, name: string): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) throw new ODataRequestError(400, `${name} must be a non-negative integer.`);
  return Number(raw);
}

/**
 * The OData v4 collection envelope with `$top`/`$skip`/`$count`/`$select`. When the server caps a page
 * (no `$top`, or `$top` above 1,000) and rows remain, it pages on its own with `@odata.nextLink`.
 */
export function collection(url: URL, host: string, rows: readonly object[], entitySet: string): SimulatorResponse {
  const top = intParam(url, '$top');
  const skip = intParam(url, '$skip') ?? 0;
  const size = Math.min(top ?? MAX_PAGE, MAX_PAGE);
  const select = url.searchParams
    .get('$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const page = rows.slice(skip, skip + size).map((row) => project(row, select));
  const capped = top === undefined || top > MAX_PAGE;
  let nextLink: string | undefined;
  if (capped && skip + size < rows.length) {
    const next = new URL(url.pathname + url.search, `http://${host}`);
    next.searchParams.set('$skip', String(skip + size));
    if (top !== undefined) next.searchParams.set('$top', String(top - size));
    nextLink = next.toString();
  }
  return {
    status: 200,
    body: {
      '@odata.context': `$metadata#${entitySet}`,
      '@odata.metadataEtag': 'W/"17090d86-20fa-49c8-8de0-de1d308c8b55"',
      ...(url.searchParams.get('$count') === 'true' ? { '@odata.count': rows.length } : {}),
      value: page,
      ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
    },
  };
}

function project(row: object, select: readonly string[] | undefined): object {
  if (!select?.length) return row;
  return Object.fromEntries(Object.entries(row).filter(([key]) => select.includes(key)));
}
