import { createRequire } from 'node:module';
import type KeyvRedis from '@keyv/redis';
import type { KeyvRedisOptions, RedisClientConnectionType } from '@keyv/redis';

const load = createRequire(import.meta.url);

/**
 * A Keyv store on Redis (a URL, or a client made elsewhere). `@keyv/redis` and its Redis client (over 400
 * modules, ~14 MB of RSS and ~4 MB of heap in every process that imports them) are loaded only by a process
 * that is configured with Redis, not by every gateway and agency that keeps its caches in memory (issue 12,
 * the gateway's memory).
 */
export function redisStore(target: string | RedisClientConnectionType, options?: KeyvRedisOptions): KeyvRedis<unknown> {
  const { default: Store } = load('@keyv/redis') as typeof import('@keyv/redis');
  return new Store(target, options);
}
