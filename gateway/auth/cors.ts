import type { AuthConfig } from './config.js';

type CorsConfig = AuthConfig['cors'];

/** Request headers a browser page may send (the token, JSON, Apollo's CSRF-prevention header, a request id). */
const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id';

export type CorsOutcome =
  /** Not a cross-origin browser request (no Origin header). */
  | { readonly kind: 'none' }
  /** An allowed origin: add these headers to the answer (or answer the preflight with them). */
  | { readonly kind: 'allowed'; readonly headers: Readonly<Record<string, string>>; readonly preflight: boolean }
  /** A preflight from an origin that is not allowed: refuse it. */
  | { readonly kind: 'refused' };

/**
 * CORS for the gateway: only configured origins (none by default). Tokens travel in the Authorization
 * header, never cookies, so credentials are not allowed; Apollo Server's CSRF prevention stays on for
 * everything else (a simple cross-site form post is still refused).
 */
export function corsFor(method: string, origin: string | undefined, config: CorsConfig): CorsOutcome {
  if (!origin) return { kind: 'none' };
  const allowed = config.allowedOrigins.includes(origin);
  const preflight = method === 'OPTIONS';
  if (!allowed) return preflight ? { kind: 'refused' } : { kind: 'none' };
  const headers: Record<string, string> = {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-expose-headers': 'www-authenticate, x-request-id',
  };
  if (preflight) {
    headers['access-control-allow-methods'] = 'GET, POST, OPTIONS';
    headers['access-control-allow-headers'] = ALLOWED_HEADERS;
    headers['access-control-max-age'] = String(config.maxAgeSeconds);
  }
  return { kind: 'allowed', headers, preflight };
}
