import type { Logger } from 'pino';
import { LmsError } from '../core/errors.js';
import type { ListRecordsArgs, OaiPmhClient } from './client.js';
import type { ListRecordsPageDto, MetadataFormatKind } from './dto.js';
import { oaiCodeOf } from './envelope.js';

/** Where an interrupted list can go on from: its next resumption token (§3.5). */
export interface ListPosition {
  readonly token: string;
  /** The token's `expirationDate`; after it the repository may refuse the token. */
  readonly expirationDate: string | null;
  /** Items received so far: the `cursor` the next page should carry. */
  readonly seen: number;
  /** `responseDate` of the list's first page: the next incremental harvest starts there. */
  readonly firstResponseDate: string;
}

export interface WalkOptions {
  readonly client: OaiPmhClient;
  readonly format: MetadataFormatKind;
  /** The list's first request; a badResumptionToken restarts from it once. */
  readonly args: ListRecordsArgs;
  /** Continue an interrupted walk instead of starting at the first page. */
  readonly resumeAt?: ListPosition;
  readonly maxPages: number;
  readonly logger: Logger;
  /** Called with each page as soon as it is read, so no page is lost if a later one fails. */
  onPage(page: ListRecordsPageDto, next: ListPosition | null): void;
}

export interface WalkResult {
  readonly firstResponseDate: string;
  readonly pages: number;
  readonly items: number;
  /**
   * The list moved under the walk: a `cursor` or `completeListSize` disagreed with what was received, or
   * an item carried a datestamp from after the walk began (it changed while being listed). Items of a
   * live list may then have been missed or seen twice.
   */
  readonly shifted: boolean;
  /** Times the list was restarted because the repository refused a resumption token. */
  readonly restarts: number;
}

const badResponse = (message: string) => new LmsError('LMS_BAD_RESPONSE', message);

/**
 * Walks one ListRecords list to its end by resumption tokens. The protocol's last page carries an empty
 * `resumptionToken`; many repositories omit the element instead, which is taken as the end too unless a
 * `completeListSize` said more items were due — then the list was cut short, an error (pages already
 * read have been handed to `onPage`). A refused token (expired, or the repository restarted) restarts
 * the list once from its first request; a token that repeats, or more than `maxPages` pages, is a
 * repository that would never end.
 */
export async function walkList(options: WalkOptions): Promise<WalkResult> {
  const { client, format, args, logger } = options;
  let position = options.resumeAt ?? null;
  let seen = position?.seen ?? 0;
  let firstResponseDate = position?.firstResponseDate ?? null;
  let listSize: number | null = null;
  let pages = 0;
  let restarts = 0;
  let shifted = false;

  for (;;) {
    if (pages >= options.maxPages)
      throw badResponse(`The repository's list did not end within ${options.maxPages} pages.`);
    let page: ListRecordsPageDto;
    try {
      page = await client.listRecords(position ? { format, resumptionToken: position.token } : { format, args });
    } catch (error) {
      if (position && oaiCodeOf(error) === 'badResumptionToken' && restarts === 0) {
        logger.warn({ seen }, 'OAI-PMH resumption token refused; restarting the list from its first page');
        restarts += 1;
        position = null;
        seen = 0;
        listSize = null;
        continue;
      }
      throw error;
    }
    pages += 1;
    firstResponseDate ??= page.responseDate;
    const token = page.resumptionToken;
    if (token?.cursor != null && token.cursor !== seen) {
      logger.warn({ expected: seen, cursor: token.cursor }, 'OAI-PMH list shifted between pages');
      shifted = true;
    }
    const started = Date.parse(firstResponseDate);
    if (page.records.some((r) => Date.parse(r.datestamp) >= started)) {
      logger.warn('OAI-PMH items changed while the list was being walked');
      shifted = true;
    }
    seen += page.itemCount;
    if (token?.completeListSize != null) listSize = token.completeListSize;
    const nextValue = token?.value ? token.value : null;
    if (nextValue !== null && nextValue === position?.token) {
      throw badResponse('The repository answered the same resumption token twice.');
    }
    const next: ListPosition | null =
      nextValue === null
        ? null
        : { token: nextValue, expirationDate: token?.expirationDate ?? null, seen, firstResponseDate };
    options.onPage(page, next);
    if (next) {
      position = next;
      continue;
    }
    if (!token && listSize !== null && seen < listSize) {
      throw badResponse(`The repository ended a list without a resumption token after ${seen} of ${listSize} items.`);
    }
    if (listSize !== null && seen !== listSize) shifted = true;
    return { firstResponseDate, pages, items: seen, shifted, restarts };
  }
}
