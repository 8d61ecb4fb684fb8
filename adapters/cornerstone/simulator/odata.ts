/**
 * Just enough OData v4 for the Reporting API views (lms-apis.md §2.5, §2.7 item 6): `$filter` with `eq`,
 * `and`, `contains`, parenthesised `or` alternatives; `$select`; `$count`; `$top`; server-driven paging
 * with `Prefer: odata.maxpagesize` (default 1000, max 10000) and an opaque `$skiptoken` in `@odata.nextLink`.
 */
export type Row = Readonly<Record<string, unknown>>;

type Clause = (row: Row) => boolean;

function literal(text: string): unknown {
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  const n = Number(text);
  if (Number.isFinite(n)) return n;
  throw new Error(`unsupported literal ${text}`);
}

/** SQL Server's default collation compares strings case-insensitively; the views behave alike [I]. */
const same = (a: unknown, b: unknown) =>
  typeof a === 'string' && typeof b === 'string' ? a.toLowerCase() === b.toLowerCase() : a === b;

export function parseFilter(filter: string): Clause {
  const clauses = filter.split(/\s+and\s+/i).map((part): Clause => {
    // `(a eq 1 or a eq 2)`: one parenthesised group of alternatives.
    const group = /^\s*\((.+)\)\s*$/s.exec(part);
    if (group) {
      const alternatives = group[1]!.split(/\s+or\s+/i).map((alternative) => parseFilter(alternative));
      return (row) => alternatives.some((alternative) => alternative(row));
    }
    const eq = /^\s*(\w+)\s+eq\s+(.+?)\s*$/s.exec(part);
    if (eq) {
      const [, field, value] = eq;
      const expected = literal(value!);
      return (row) => same(row[field!], expected);
    }
    const contains = /^\s*contains\((\w+),\s*('.*')\)\s*$/s.exec(part);
    if (contains) {
      const needle = String(literal(contains[2]!)).toLowerCase();
      return (row) =>
        String(row[contains[1]!] ?? '')
          .toLowerCase()
          .includes(needle);
    }
    throw new Error(`unsupported filter clause ${part}`);
  });
  return (row) => clauses.every((clause) => clause(row));
}

export interface ODataPageOptions {
  readonly url: URL;
  readonly origin: string;
  readonly prefer: string | undefined;
  /** The simulator's own page cap (tests shrink it to exercise paging). */
  readonly maxPageSize: number;
}

export function odataPage(rows: readonly Row[], options: ODataPageOptions): Record<string, unknown> {
  const params = options.url.searchParams;
  const filter = params.get('$filter');
  let selected = filter ? rows.filter(parseFilter(filter)) : [...rows];
  const top = Number(params.get('$top') ?? Number.NaN);
  if (Number.isInteger(top) && top >= 0) selected = selected.slice(0, top);
  const preferred = Number(/odata\.maxpagesize=(\d+)/i.exec(options.prefer ?? '')?.[1] ?? 1000);
  const size = Math.max(1, Math.min(preferred, 10_000, options.maxPageSize));
  const token = params.get('$skiptoken');
  const offset = token ? Number.parseInt(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''), 10) : 0;
  const page = selected.slice(offset, offset + size);
  const fields = params
    .get('$select')
    ?.split(',')
    .map((f) => f.trim());
  const value = fields ? page.map((row) => Object.fromEntries(fields.map((f) => [f, row[f] ?? null]))) : page;
  const view = options.url.pathname.split('/').pop();
  const body: Record<string, unknown> = {
    '@odata.context': `${options.origin}/services/api/x/odata/api/views/$metadata#${view}`,
    value,
  };
  if (params.get('$count') === 'true') body['@odata.count'] = selected.length;
  if (offset + size < selected.length) {
    // OData system options keep their literal `$` (URLSearchParams would write %24).
    const query = [...params]
      .filter(([key]) => key !== '$skiptoken')
      .concat([['$skiptoken', Buffer.from(`o:${offset + size}`).toString('base64url')]])
      .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
      .join('&');
    body['@odata.nextLink'] = `${options.origin}${options.url.pathname}?${query}`;
  }
  return body;
}
