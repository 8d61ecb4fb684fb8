import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type CacheBackend, createAdapterCache, createReadThrough } from '../../../adapters/core/cache.js';
import { LmsError } from '../../../adapters/core/errors.js';
import { reachable } from '../../support/reachable.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const redisUp = await reachable(6379);
if (!redisUp) console.warn('Redis is not running on 127.0.0.1:6379: the Redis cache tests are skipped.');

const backends: { name: string; backend: CacheBackend; run: boolean }[] = [
  { name: 'memory', backend: { kind: 'memory' }, run: true },
  { name: 'redis (needs a server on 127.0.0.1:6379)', backend: { kind: 'redis', url: REDIS_URL }, run: redisUp },
];

describe.each(backends)('read-through cache on $name', ({ backend, run }) => {
  it.runIf(run)(
    'serves a fresh hit without loading, shares concurrent misses, and serves stale on failure',
    async () => {
      const cache = createAdapterCache(backend, `test:${randomUUID()}`);
      const cached = createReadThrough(cache, { ttlMs: 50, staleIfErrorMs: 60_000 });
      let loads = 0;
      const load = async () => {
        loads += 1;
        return { courses: [{ id: 1, title: 'Ethics' }] };
      };
      const [a, b] = await Promise.all([cached('catalogue', load), cached('catalogue', load)]);
      expect(a).toEqual(b);
      expect(loads).toBe(1);
      await cached('catalogue', load);
      expect(loads).toBe(1);

      await new Promise((resolve) => setTimeout(resolve, 80));
      const stale = await cached('catalogue', async () => {
        throw new LmsError('LMS_UNAVAILABLE', 'down');
      });
      expect(stale).toEqual({ courses: [{ id: 1, title: 'Ethics' }] });
      await expect(
        cached('never-loaded', async () => {
          throw new LmsError('LMS_UNAVAILABLE', 'down');
        }),
      ).rejects.toMatchObject({ code: 'LMS_UNAVAILABLE' });
      await cache.disconnect?.();
    },
  );
});
