import { Keyv } from 'keyv';
import type { Logger } from 'pino';
import { z } from 'zod';
import { redisStore } from '../../schema/redisStore.js';
import { outsideScope } from './scope.js';

/** Where adapter caches live: this process's memory, or a Redis shared by several instances. */
export type CacheBackend = { readonly kind: 'memory' } | { readonly kind: 'redis'; readonly url: string };

/** One Keyv per adapter instance, namespaced `<agency>:<kind>` (STYLE.md B2). */
export function createAdapterCache(backend: CacheBackend, namespace: string): Keyv {
  // Never pass `store: undefined`: Keyv then silently stores nothing (toolchain-node20.md §6).
  if (backend.kind === 'memory') return new Keyv({ namespace });
  return new Keyv({ store: redisStore(backend.url), namespace, useKeyPrefix: false });
}

interface Stamped<T> {
  readonly value: T;
  readonly freshUntil: number;
}

export interface CachedOptions {
  /** How long a value is served without asking the LMS. */
  readonly ttlMs: number;
  /** How long past `ttlMs` a value may still be served when the LMS fails (stale-if-error). @default 1 hour */
  readonly staleIfErrorMs?: number;
  readonly logger?: Logger;
}

/**
 * Read-through cache for catalogue-like data: a fresh hit never calls `load`; after `ttlMs` the value is
 * reloaded, and if the LMS then fails the stale value is served for up to `staleIfErrorMs` more.
 * Concurrent misses for the same key share one load. Never use it for personal data unless the key is
 * scoped to the requester.
 */
export function createReadThrough(cache: Keyv, options: CachedOptions) {
  const inFlight = new Map<string, Promise<unknown>>();
  const staleMs = options.staleIfErrorMs ?? 3_600_000;

  return async function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const stamped = (await cache.get(key).catch(() => undefined)) as Stamped<T> | undefined;
    if (stamped && Date.now() < stamped.freshUntil) return stamped.value;
    const pending = inFlight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    // Shared by every request that misses meanwhile: it belongs to none of them (scope.ts).
    const loading = outsideScope(async () => {
      try {
        const value = await load();
        const entry: Stamped<T> = { value, freshUntil: Date.now() + options.ttlMs };
        await cache.set(key, entry, options.ttlMs + staleMs).catch((error: unknown) => {
          options.logger?.warn({ err: String(error) }, 'cache write failed');
        });
        return value;
      } catch (error) {
        if (stamped) {
          options.logger?.warn({ key }, 'serving stale cache entry after an LMS failure');
          return stamped.value;
        }
        throw error;
      } finally {
        inFlight.delete(key);
      }
    });
    inFlight.set(key, loading);
    return loading;
  };
}

/** Config schema of a cache backend: `{ kind: memory }` (default) or `{ kind: redis, url }`. */
export const cacheBackendSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('memory') }).strict(),
    z
      .object({
        kind: z.literal('redis'),
        url: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
      })
      .strict(),
  ])
  .default({ kind: 'memory' });
