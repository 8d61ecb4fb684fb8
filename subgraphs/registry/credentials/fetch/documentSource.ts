import type { Keyv } from 'keyv';
import type { FetchResult, SafeFetcher } from './safeFetch.js';

/** What a document is fetched for: it decides how long a copy may be reused. */
export type DocumentPurpose = 'key' | 'status';

/** Issuer profiles, DID / controller documents, keys and status lists, by URL (fragment removed). */
export interface DocumentSource {
  load(url: string, purpose: DocumentPurpose): Promise<FetchResult>;
}

export interface DocumentSourceOptions {
  readonly fetcher: SafeFetcher;
  /** Where fetched documents are kept; a Redis-backed Keyv shares them between registry instances. */
  readonly cache: Keyv;
  /**
   * Documents served as if fetched from their URL, never fetched: issuer profiles and keys pinned by
   * configuration (trust obtained out of band), or published test keys whose URLs do not resolve.
   */
  readonly pinned?: Readonly<Record<string, unknown>>;
  /** How long a fetched key / profile / DID document is reused. @default 3600000 (1 hour) */
  readonly keyTtlMs?: number;
  /**
   * How long a fetched status list is reused. Short, because a revocation must show soon; 0 fetches every
   * time. @default 60000
   */
  readonly statusTtlMs?: number;
}

/** Pinned documents first, then the cache, then the network; only successful fetches are cached. */
export function createDocumentSource(options: DocumentSourceOptions): DocumentSource {
  const pinned = new Map(Object.entries(options.pinned ?? {}));
  const ttl: Record<DocumentPurpose, number> = {
    key: options.keyTtlMs ?? 3_600_000,
    status: options.statusTtlMs ?? 60_000,
  };
  return {
    async load(url, purpose) {
      const bare = url.split('#')[0] ?? url;
      if (pinned.has(bare)) return { ok: true, document: pinned.get(bare) };
      const key = `${purpose}:${bare}`;
      if (ttl[purpose] > 0) {
        const hit = (await options.cache.get(key).catch(() => undefined)) as { document: unknown } | undefined;
        if (hit) return { ok: true, document: hit.document };
      }
      const result = await options.fetcher.fetchDocument(bare);
      if (result.ok && ttl[purpose] > 0) {
        // A cache that fails to write only costs a later refetch.
        await options.cache.set(key, { document: result.document }, ttl[purpose]).catch(() => undefined);
      }
      return result;
    },
  };
}
