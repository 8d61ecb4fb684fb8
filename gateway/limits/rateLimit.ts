import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible';
import type { Principal } from '../../schema/principal.js';
import { REDIS_TIMEOUT_MS, sharedStateClient } from '../upstream/redis.js';
import type { LimitsConfig } from './config.js';

type RateConfig = NonNullable<LimitsConfig['rate']>;

/** Something that spends one point of a client's budget, or says how long to wait. */
export interface RateLimiter {
  consume(key: string): Promise<void>;
  close(): Promise<void>;
  /** Whether its Redis is connected; undefined when it counts in memory. */
  readonly redisReady?: (() => boolean) | undefined;
}

/**
 * Whose budget a request spends: the principal's when there is one (a person behind several addresses
 * is one client), else the address. Hashed, so keys (in memory or Redis) hold no identifiers.
 */
export function clientKey(principal: Principal, address: string | undefined): string {
  const who = principal.kind === 'user' ? `p:${principal.issuer}\n${principal.subject}` : `a:${address ?? 'unknown'}`;
  return createHash('sha256').update(who).digest('base64url').slice(0, 22);
}

/** HTTP 429 with `Retry-After`, and the same wait in `extensions.retryAfterSeconds`. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests; retry in ${retryAfterSeconds} s.`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds,
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * One budget shared by every gateway on the same Redis. A Redis that is down or not yet connected must
 * not fail requests: commands are refused at once rather than queued (`sharedStateClient`,
 * `rejectIfRedisNotReady`), one that does not answer is given up after REDIS_TIMEOUT_MS, and in both cases
 * the in-memory insurance limiter (this process's own budget of the same size) decides meanwhile.
 */
function redisLimiter(
  config: RateConfig,
  url: string,
): { limiter: RateLimiterAbstract; close(): Promise<void>; redisReady(): boolean } {
  const client = sharedStateClient(url);
  const insuranceLimiter = new RateLimiterMemory({
    keyPrefix: config.keyPrefix,
    points: config.points,
    duration: config.durationSeconds,
  });
  const redis = new RateLimiterRedis({
    storeClient: client,
    useRedisPackage: true,
    rejectIfRedisNotReady: true,
    keyPrefix: config.keyPrefix,
    points: config.points,
    duration: config.durationSeconds,
    insuranceLimiter,
  });
  return {
    limiter: new RLWrapperTimeouts({ limiter: redis, timeoutMs: REDIS_TIMEOUT_MS, insuranceLimiter }),
    async close() {
      // Also stops reconnecting when Redis never answered.
      if (client.isOpen) client.destroy();
    },
    redisReady: () => client.isReady,
  };
}

/**
 * rate-limiter-flexible: in Redis when `redisUrl` is set (one budget across all gateways), else in memory
 * per process (each gateway counts its own requests, so N gateways allow N × the budget).
 */
export function createRateLimiter(config: RateConfig): RateLimiter {
  const {
    limiter,
    close,
    redisReady,
  }: { limiter: RateLimiterAbstract; close(): Promise<void>; redisReady?: () => boolean } = config.redisUrl
    ? redisLimiter(config, config.redisUrl)
    : {
        limiter: new RateLimiterMemory({
          keyPrefix: config.keyPrefix,
          points: config.points,
          duration: config.durationSeconds,
        }),
        close: async () => {},
      };
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) {
          throw rateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
        }
        throw refusal;
      }
    },
    close,
    redisReady,
  };
}
