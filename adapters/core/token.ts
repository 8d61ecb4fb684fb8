import type { AuthProvider } from './http.js';
import { currentScope, outsideScope } from './scope.js';

export interface IssuedToken {
  /** The full header value, e.g. `Bearer eyJ...`. */
  readonly authorization: string;
  /** Lifetime in seconds as the token server reported it (`expires_in`). */
  readonly expiresInSeconds: number;
}

export interface TokenProviderOptions {
  /** Asks the token server for a new token; failures must be `LmsError`s. */
  readonly issue: (signal?: AbortSignal) => Promise<IssuedToken>;
  /** Renew this long before expiry. @default 60000 */
  readonly refreshEarlyMs?: number;
  readonly now?: () => number;
}

/**
 * OAuth client-credentials tokens, cached until shortly before expiry and never requested twice at once:
 * concurrent callers share one in-flight request (single flight).
 */
export function createTokenProvider(options: TokenProviderOptions): AuthProvider {
  const now = options.now ?? Date.now;
  const refreshEarlyMs = options.refreshEarlyMs ?? 60_000;
  let current: { authorization: string; renewAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function renew(signal?: AbortSignal): Promise<string> {
    const issued = await options.issue(signal);
    const lifetimeMs = issued.expiresInSeconds * 1000;
    // Short-lived tokens are still reused for half their life rather than renewed on every call.
    const renewAt = now() + Math.max(lifetimeMs - refreshEarlyMs, lifetimeMs / 2);
    current = { authorization: issued.authorization, renewAt };
    return issued.authorization;
  }

  return {
    authorization(signal) {
      if (current && now() < current.renewAt) return Promise.resolve(current.authorization);
      // Shared by every caller meanwhile, so it belongs to no request (scope.ts): one request ending must not
      // cancel it for the others, and it must not wait for a slot in the first caller's lane.
      const own = currentScope() ? undefined : signal;
      inFlight ??= outsideScope(() => renew(own)).finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
    invalidate(rejected) {
      if (current?.authorization === rejected) current = undefined;
    },
  };
}
