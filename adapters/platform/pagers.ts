import type { PlatformClient } from './client.js';
import type { PlatformConfig } from './config.js';

/** One page of a catalogue, in the walk's terms. */
export interface CataloguePage {
  /** The raw elements, in the platform's order (validated one by one later). */
  readonly elements: readonly unknown[];
  /** The size of the whole catalogue as this page reports it. */
  readonly total: number;
  /** Whether the platform says more pages follow (Coursera `paging.next`, edX `next`, LinkedIn rel=next). */
  readonly hasMore: boolean;
  /** Extra data of the page kept with the elements (Coursera's linked partners). */
  readonly linked?: Readonly<Record<string, string>>;
}

/**
 * How a walk reads one platform. `offset` is the number of elements before the page; `overlaps` says
 * whether a page may start at any offset (offset paging), which lets the walk re-read the previous page's
 * last element and notice a catalogue that shifted under it.
 */
export interface Pager {
  readonly overlaps: boolean;
  readonly pageSize: number;
  fetch(offset: number): Promise<CataloguePage>;
  /** The element's key in the platform, or null when it has none (then it is skipped). */
  idOf(element: unknown): string | null;
}

const field = (element: unknown, name: string): string | null => {
  const value = typeof element === 'object' && element !== null ? (element as Record<string, unknown>)[name] : null;
  return typeof value === 'string' && value.length > 0 ? value : null;
};

export function pagerFor(config: PlatformConfig, client: PlatformClient): Pager {
  const pageSize = config.pageSize;
  switch (config.api) {
    case 'coursera':
      return {
        overlaps: true,
        pageSize,
        idOf: (element) => field(element, 'id'),
        async fetch(offset) {
          const page = await client.courseraCourses(offset, pageSize);
          const partners = page.linked?.['partners.v1'] ?? [];
          return {
            elements: page.elements,
            total: page.paging.total,
            hasMore: page.paging.next !== undefined,
            linked: Object.fromEntries(partners.map((p) => [p.id, p.name])),
          };
        },
      };
    case 'edx':
      return {
        // Page numbers: a page cannot start between page boundaries.
        overlaps: false,
        pageSize,
        idOf: (element) => field(element, 'id'),
        async fetch(offset) {
          const page = await client.edxCourses(Math.floor(offset / pageSize) + 1, pageSize);
          return { elements: page.results, total: page.pagination.count, hasMore: page.pagination.next !== null };
        },
      };
    case 'linkedin-learning':
      return {
        overlaps: true,
        pageSize,
        idOf: (element) => field(element, 'urn'),
        async fetch(offset) {
          const page = await client.linkedInAssets(offset, pageSize);
          return {
            elements: page.elements,
            total: page.paging.total,
            hasMore: page.paging.links.some((link) => link.rel === 'next'),
          };
        },
      };
  }
}
