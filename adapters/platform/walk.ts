import type { Logger } from 'pino';
import { LmsError } from '../core/errors.js';
import type { Pager } from './pagers.js';

/** A complete read of the catalogue: every element once, in the platform's order. */
export interface WalkResult {
  readonly elements: ReadonlyArray<{ readonly id: string; readonly element: unknown }>;
  /** Data the pages linked (Coursera partner names by id). */
  readonly linked: Readonly<Record<string, string>>;
  /** Elements without a key, by position: skipped. */
  readonly keyless: number;
  readonly pages: number;
  /** Walks restarted because the catalogue changed under them. */
  readonly restarts: number;
}

export interface WalkLimits {
  readonly maxAttempts: number;
  readonly maxPages: number;
}

type Attempt = { readonly ok: WalkResult } | { readonly changed: string };

/**
 * Reads one walk from the first page to the last and checks that it saw one consistent catalogue:
 * - every page reports the same total;
 * - no key is listed twice (an element inserted before the walk's position pushes one back onto the next
 *   page);
 * - with offset paging, each page after the first starts one element early and must repeat the previous
 *   page's last element (an element removed before the position would otherwise let one slip by unseen);
 * - at the end, the walk holds exactly `total` distinct keys.
 * Any of these failing means the catalogue changed mid-walk: the walk is abandoned and read again.
 */
async function attempt(pager: Pager, limits: WalkLimits, restarts: number): Promise<Attempt> {
  const seen = new Map<string, unknown>();
  const linked: Record<string, string> = {};
  let total: number | null = null;
  let offset = 0;
  let last: string | null = null;
  let keyless = 0;
  for (let pages = 1; ; pages += 1) {
    if (pages > limits.maxPages) {
      throw new LmsError('LMS_BAD_RESPONSE', `The catalogue's paging did not end within ${limits.maxPages} pages.`);
    }
    const overlap = pager.overlaps && last !== null;
    const page = await pager.fetch(overlap ? offset - 1 : offset);
    if (total !== null && page.total !== total) {
      return { changed: `page ${pages} reports ${page.total} courses, the first page ${total}` };
    }
    total = page.total;
    Object.assign(linked, page.linked);
    let elements = page.elements;
    if (overlap) {
      const first = elements[0] === undefined ? null : pager.idOf(elements[0]);
      if (first !== last) return { changed: `page ${pages} does not repeat ${last} where the previous page ended` };
      elements = elements.slice(1);
    }
    for (const element of elements) {
      const id = pager.idOf(element);
      if (id === null) {
        keyless += 1;
        continue;
      }
      if (seen.has(id)) return { changed: `${id} is listed twice` };
      seen.set(id, element);
      last = id;
    }
    offset += elements.length;
    if (!page.hasMore || elements.length === 0) {
      if (seen.size + keyless !== total) {
        return { changed: `the walk found ${seen.size + keyless} courses, the catalogue reports ${total}` };
      }
      return {
        ok: {
          elements: [...seen].map(([id, element]) => ({ id, element })),
          linked,
          keyless,
          pages,
          restarts,
        },
      };
    }
  }
}

/**
 * Walks the catalogue, starting again from the first page when it changed under the walk, up to
 * `maxAttempts` times; a catalogue that never holds still answers LMS_CATALOGUE_CHANGED (retryable:
 * the adapter keeps serving its last complete walk meanwhile). Page failures are thrown as they come.
 */
export async function walkCatalogue(pager: Pager, limits: WalkLimits, logger: Logger): Promise<WalkResult> {
  const reasons: string[] = [];
  for (let restarts = 0; restarts < limits.maxAttempts; restarts += 1) {
    const outcome = await attempt(pager, limits, restarts);
    if ('ok' in outcome) return outcome.ok;
    reasons.push(outcome.changed);
    logger.info({ reason: outcome.changed, attempt: restarts + 1 }, 'catalogue changed mid-walk; reading it again');
  }
  throw new LmsError(
    'LMS_CATALOGUE_CHANGED',
    `The catalogue kept changing while it was read page by page (${reasons.at(-1)}); try again later.`,
  );
}
