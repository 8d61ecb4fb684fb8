import type { Keyed } from './paging.js';
import type { CourseView } from './views.js';

/** How long a sorted catalogue is reused (agency config `catalogueCacheMs`). @default 1000 */
export const DEFAULT_CATALOGUE_CACHE_MS = 1_000;
/** Distinct (filter, order, visibility) lists kept at once; more are dropped oldest first. */
const MAX_ENTRIES = 64;

interface Entry {
  readonly sorted: readonly Keyed<CourseView>[];
  readonly until: number;
}

/**
 * The filtered, visibility-checked, sorted course views of one agency subgraph (one adapter), reused for
 * `ttlMs` so that a catalogue page under load is a slice and a cursor encode, not a listing, a view per
 * course and a sort (issue 12). The caller builds the key from everything the list depends on, the
 * caller's visibility class included (listings.ts), so that no caller gets a list built for another.
 * The views are shared by every request that hits: frozen, so that no request can change another's.
 * Staleness is bounded by `ttlMs` on top of the adapter's own catalogue cache (minutes, `cacheTtlMs`).
 */
export class CatalogueCache {
  readonly #entries = new Map<string, Entry>();

  constructor(readonly ttlMs: number = DEFAULT_CATALOGUE_CACHE_MS) {}

  get(key: string, now = Date.now()): readonly Keyed<CourseView>[] | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (now < entry.until) return entry.sorted;
    this.#entries.delete(key);
    return undefined;
  }

  set(key: string, sorted: readonly Keyed<CourseView>[], now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    for (const { item } of sorted) Object.freeze(item);
    this.#entries.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) {
      for (const [k, entry] of this.#entries) if (entry.until <= now) this.#entries.delete(k);
      const oldest = this.#entries.keys().next();
      if (this.#entries.size >= MAX_ENTRIES && !oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { sorted, until: now + this.ttlMs });
  }

  get size(): number {
    return this.#entries.size;
  }
}
