import { LmsError } from '../core/errors.js';
import type { CornerstoneClient, CsodQuery } from './client.js';
import type { CsodCatalogItemDto, CsodEmployeeDto, CsodTranscriptDto, CsodTranscriptSearchItemDto } from './dto.js';

/** A runaway guard, far above any real portal's page count. */
const MAX_PAGES = 10_000;
/** Times a listing restarts from page one after its page token expired. */
const MAX_TOKEN_RESTARTS = 3;

function tooManyPages(what: string): LmsError {
  return new LmsError('LMS_BAD_RESPONSE', `CSOD kept returning pages of ${what}; paging was stopped.`);
}

/** Legacy Catalog Search: `PageNumber=1..n` until `data` is empty (§2.4.1a). */
export async function walkCatalog(client: CornerstoneClient): Promise<CsodCatalogItemDto[]> {
  const seen = new Map<string, CsodCatalogItemDto>();
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const envelope = await client.catalogSearch(page);
    const data = Array.isArray(envelope?.data) ? envelope.data : [];
    if (data.length === 0) return [...seen.values()];
    for (const item of data) if (item?.ObjectId && !seen.has(item.ObjectId)) seen.set(item.ObjectId, item);
  }
  throw tooManyPages('the catalogue');
}

/**
 * Employee v2: `pageSize` + `nextPageToken` (key spelled `nextpagetoken` in CSOD's own example), tokens
 * live 5 minutes (§2.4.3). The answer may be a bare array, `{data: [...]}` or `{data: {...}}`. When a token
 * is refused (expired), the walk restarts from the first page.
 */
export async function walkEmployees(client: CornerstoneClient, query: CsodQuery): Promise<CsodEmployeeDto[]> {
  for (let restart = 0; ; restart += 1) {
    const found = new Map<number, CsodEmployeeDto>();
    let token: string | undefined;
    try {
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = await client.employees(query, token);
        const data = Array.isArray(answer) ? answer : answer?.data === undefined ? [] : [answer.data].flat();
        for (const employee of data) if (typeof employee?.id === 'number') found.set(employee.id, employee);
        token = Array.isArray(answer) ? undefined : (answer?.nextPageToken ?? answer?.nextpagetoken ?? undefined);
        if (!token || data.length === 0) return [...found.values()];
      }
      throw tooManyPages('employees');
    } catch (error) {
      const expired = token !== undefined && error instanceof LmsError && error.code === 'LMS_BAD_REQUEST';
      if (!expired || restart >= MAX_TOKEN_RESTARTS) throw error;
    }
  }
}

/** New Transcript API: `pageNumber` with `totalRecords` (shape [I], §2.4.2a). */
export async function walkTranscripts(client: CornerstoneClient, externalId: string): Promise<CsodTranscriptDto[]> {
  const items: CsodTranscriptDto[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const answer = await client.transcriptsOverview(externalId, page);
    const data = Array.isArray(answer?.data) ? answer.data : [];
    items.push(...data);
    const total = answer?.totalRecords;
    if (data.length === 0 || (typeof total === 'number' && items.length >= total)) return items;
  }
  throw tooManyPages('transcripts');
}

/** Transcript Search items per page (§2.4.2c): a shorter page is the last one. */
export const TRANSCRIPT_SEARCH_PAGE = 50;

/** Transcript Search: `pageNumber=1..n`, 50 items a page, until a page comes back short (§2.4.2c). */
export async function walkTranscriptSearch(
  client: CornerstoneClient,
  window: { readonly start: Date; readonly end: Date },
): Promise<CsodTranscriptSearchItemDto[]> {
  const items: CsodTranscriptSearchItemDto[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const envelope = await client.transcriptSearch(window, page);
    const data = Array.isArray(envelope?.data) ? envelope.data : [];
    items.push(...data);
    if (data.length < TRANSCRIPT_SEARCH_PAGE) return items;
  }
  throw tooManyPages('transcript search results');
}

/**
 * Reporting API: follow `@odata.nextLink` until it is absent (§2.5). Rows can shift between pages while
 * the warehouse syncs, so they are de-duplicated by `keyOf` (§2.4.2d).
 */
export async function walkReport<T>(
  client: CornerstoneClient,
  view: string,
  query: CsodQuery,
  keyOf: (row: T) => string,
): Promise<T[]> {
  const rows = new Map<string, T>();
  let page = await client.reportView<T>(view, query);
  for (let count = 0; count < MAX_PAGES; count += 1) {
    for (const row of Array.isArray(page?.value) ? page.value : []) rows.set(keyOf(row), row);
    const next = page?.['@odata.nextLink'];
    if (!next) return [...rows.values()];
    page = await client.reportNext<T>(next);
  }
  throw tooManyPages(view);
}
