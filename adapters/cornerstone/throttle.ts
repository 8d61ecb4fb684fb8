import { createWindowLimiter, type WindowLimiter } from '../core/windowLimiter.js';

/**
 * CSOD limits each URI separately: per hour, and per minute = hourly / 60; exceeding the minute's share
 * throttles the rest of that minute, and 429s count too (lms-apis.md §2.3). The rate key is the path with
 * ids replaced, so `/employees/1` and `/employees/2` share one limit, as they share one on CSOD.
 */
export function rateKeyOf(url: string): string {
  const path = new URL(url, 'http://portal').pathname;
  return path
    .split('/')
    .map((segment) =>
      /^\d+$/.test(segment) ? '{id}' : /^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(segment) ? '{guid}' : segment,
    )
    .join('/')
    .toLowerCase();
}

/** Documented per-minute limits (§2.3); others are unknown and get a conservative 60/min. */
const DOCUMENTED_PER_MINUTE: ReadonlyArray<readonly [RegExp, number]> = [
  [/\/x\/users\/v2\/employees\/\{id\}$/, 150],
  [/\/x\/users\/v2\/employees$/, 75],
  [/\/views\/vw_rpt_transcript$/, 940],
  [/\/views\/vw_rpt_training$/, 420],
  [/\/views\/vw_rpt_user_ou$/, 420],
  [/\/views\//, 400],
];

export function documentedPerMinute(key: string): number {
  return DOCUMENTED_PER_MINUTE.find(([pattern]) => pattern.test(key))?.[1] ?? 60;
}

export interface CsodRateGuard {
  readonly limiter: WindowLimiter;
  /** Reads `x-csod-*` headers of any answer to learn or tighten the key's limit. */
  observe(url: string, status: number, headers: Readonly<Record<string, string | undefined>>): number | undefined;
}

/**
 * Limiter plus header reading. Returns, for a 429, how long to wait: until the next window boundary
 * (CSOD documents no Retry-After and advises waiting for the next minute).
 */
export function createCsodRateGuard(windowMs: number, now: () => number = Date.now): CsodRateGuard {
  const limiter = createWindowLimiter({
    windowMs,
    fallbackLimit: (key) => Math.max(1, Math.floor((documentedPerMinute(key) * windowMs) / 60_000)),
    now,
  });
  const nextWindow = () => (Math.floor(now() / windowMs) + 1) * windowMs + Math.min(250, windowMs / 10);
  return {
    limiter,
    observe(url, status, headers) {
      const key = rateKeyOf(url);
      const hourly = Number(headers['x-csod-throttling-rate-limit-urilevel']);
      if (Number.isFinite(hourly) && hourly > 0) limiter.setLimit(key, Math.max(1, Math.floor(hourly / 60)));
      const remaining = Number(headers['x-csod-requests-remaining-urilevel'] ?? Number.NaN);
      if (status === 429 || (Number.isFinite(remaining) && remaining <= 0)) {
        const until = nextWindow();
        limiter.pauseUntil(key, until);
        return until - now();
      }
      return undefined;
    },
  };
}
