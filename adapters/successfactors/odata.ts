import { LmsError } from '../core/errors.js';
import { errorFromStatus, type ResponseInterpreter } from '../core/http.js';
import { type ODataCollection, oauthErrorSchema, odataErrorSchema } from './dto.js';

/** Vendor code we put on an error that means "renew the token and try again" (lms-apis.md §3.1). */
export const TOKEN_EXPIRED = 'token_expired';

/** OData string literal: single quotes doubled. */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Query string with `%20` for spaces: axios' own serialiser writes `+`, which OData servers need not
 * decode as a space inside `$filter`.
 */
export function withQuery(path: string, params: Readonly<Record<string, string | number | boolean>>): string {
  const query = Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/**
 * Reads SuccessFactors answers whatever their status:
 * - HTTP 500 "No search results for provided search criteria" means an empty result, not an outage (§3.2);
 * - OAuth `error_description: "The token has expired."` must lead to a token refresh (§3.1). A 401 is
 *   renewed by the shared client before we see it; other statuses are tagged for the client to renew;
 * - OData `{"error":{"code","message"}}` keeps its code as `vendorCode` but never its text (STYLE.md B3);
 * - no `Retry-After` is documented for 429, so retryable errors carry the service's minimum interval as the
 *   backoff floor: a retry never breaks the one-call-per-interval rule (KBA 2516640).
 */
export function createInterpreter(minIntervalFor: (url: string) => number): ResponseInterpreter {
  return (response) => {
    if (response.status < 300) return undefined;
    const odata = odataErrorSchema.safeParse(response.data);
    const oauth = oauthErrorSchema.safeParse(response.data);
    const message = odata.success ? (odata.data.error.message ?? '') : '';
    if (response.status === 500 && /no search results/i.test(message)) return { data: { value: [] } };
    const expired = oauth.success && /token has expired/i.test(oauth.data.error_description);
    const vendorCode = expired
      ? TOKEN_EXPIRED
      : odata.success && odata.data.error.code !== undefined
        ? String(odata.data.error.code)
        : oauth.success
          ? oauth.data.error
          : undefined;
    const base = errorFromStatus(response);
    const code = expired ? 'LMS_UNAUTHENTICATED' : base.code;
    const floor = minIntervalFor(response.upstream.url);
    const retryAfterMs = base.retryable ? Math.max(base.retryAfterMs ?? 0, floor) : undefined;
    return new LmsError(code, base.message, {
      upstream: { ...response.upstream, ...(vendorCode ? { vendorCode } : {}) },
      ...(retryAfterMs ? { retryAfterMs } : {}),
    });
  };
}

export type PageFetcher = (url: string) => Promise<ODataCollection>;

/**
 * Walks OData v4 paging to the end (§3.3): `$top`/`$skip`/`$count=true`, following `@odata.nextLink`
 * when the server pages on its own (it caps pages at 1,000 rows whatever `$top` asks). The skip advances
 * by rows received, not by `$top`, so a capped page loses nothing.
 */
export async function collectPages(
  fetchPage: PageFetcher,
  path: string,
  params: Readonly<Record<string, string | number | boolean>>,
  options: { readonly pageSize: number; readonly origin: string; readonly maxPages?: number },
): Promise<unknown[]> {
  const rows: unknown[] = [];
  const pageOf = (skip: number) => withQuery(path, { ...params, $top: options.pageSize, $skip: skip, $count: true });
  let url = pageOf(0);
  for (let pages = 0; pages < (options.maxPages ?? 10_000); pages += 1) {
    const page = await fetchPage(url);
    rows.push(...page.value);
    const next = page['@odata.nextLink'];
    if (next && page.value.length > 0) {
      url = sameOrigin(next, options.origin);
      continue;
    }
    const total = page['@odata.count'];
    const more = total !== undefined ? rows.length < total : page.value.length >= options.pageSize;
    if (!more || page.value.length === 0) return rows;
    url = pageOf(rows.length);
  }
  throw new LmsError('LMS_BAD_RESPONSE', 'The LMS kept answering with more pages; paging was stopped.');
}

/** A next link is followed only on the configured host: the bearer token must not travel elsewhere. */
function sameOrigin(link: string, origin: string): string {
  const url = new URL(link, origin);
  if (url.origin !== new URL(origin).origin) {
    throw new LmsError('LMS_BAD_RESPONSE', 'The LMS sent a next-page link to another host; it was not followed.');
  }
  return url.toString();
}
