import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Principal } from '../../schema/principal.js';
import type { LimitsConfig } from './config.js';

type RateConfig = NonNullable<LimitsConfig['rate']>;

/** Something that spends one point of a client's budget, or says how long to wait. */
export interface RateLimiter {
  consume(key: string): Promise<void>;
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

/** rate-limiter-flexible, in memory per process (each gateway counts its own requests). */
export function createRateLimiter(config: RateConfig): RateLimiter {
  const limiter = new RateLimiterMemory({
    keyPrefix: 'convergence-rate',
    points: config.points,
    duration: config.durationSeconds,
  });
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
  };
}
