import { randomUUID } from 'node:crypto';
import type { SimulatorRequest, SimulatorResponse } from '../../core/simulator.js';

export interface TokenServerOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly companyId: string;
  readonly tokenTtlSeconds: number;
}

export interface IssuedSimToken {
  readonly userType: 'admin' | 'user';
  expiresAt: number;
}

const oauthError = (status: number, error: string, description: string): SimulatorResponse => ({
  status,
  body: { error, error_description: description },
});

/** Client credentials from HTTP Basic, or from the JSON body as some scripts send them (lms-apis.md §3.1). */
function credentialsOf(request: SimulatorRequest, body: Record<string, unknown>): [string, string] | undefined {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
    const cut = decoded.indexOf(':');
    return cut < 0 ? undefined : [decoded.slice(0, cut), decoded.slice(cut + 1)];
  }
  if (typeof body.client_id === 'string' && typeof body.client_secret === 'string') {
    return [body.client_id, body.client_secret];
  }
  return undefined;
}

/**
 * The Learning OAuth token server, `POST /learning/oauth-api/rest/v1/token` (§3.1, checklist §3.6.1):
 * JSON body with a nested `scope` object; a wrong secret answers 403 without a token (KBA 2558226).
 */
export function createTokenServer(options: TokenServerOptions, now: () => number = Date.now) {
  const tokens = new Map<string, IssuedSimToken>();
  let issued = 0;

  function issue(request: SimulatorRequest): SimulatorResponse {
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(request.body || 'null');
      if (!parsed || typeof parsed !== 'object') throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return oauthError(400, 'invalid_request', 'The request body must be a JSON object.');
    }
    const credentials = credentialsOf(request, body);
    if (!credentials || credentials[0] !== options.clientId || credentials[1] !== options.clientSecret) {
      return oauthError(403, 'invalid_client', 'Client authentication failed.');
    }
    if (body.grant_type !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', 'grant_type must be client_credentials.');
    }
    const scope = body.scope as Record<string, unknown> | undefined;
    if (!scope || typeof scope !== 'object') {
      return oauthError(
        400,
        'invalid_scope',
        'scope must be an object with userId, companyId, userType, resourceType.',
      );
    }
    if (scope.userType !== 'admin' && scope.userType !== 'user') {
      return oauthError(400, 'invalid_scope', 'scope.userType must be admin or user.');
    }
    if (scope.resourceType !== 'learning_public_api' || typeof scope.userId !== 'string' || !scope.userId) {
      return oauthError(400, 'invalid_scope', 'scope.userId and scope.resourceType learning_public_api are required.');
    }
    if (scope.companyId !== options.companyId) return oauthError(403, 'invalid_client', 'Unknown company.');
    const token = `sf-${randomUUID()}`;
    tokens.set(token, { userType: scope.userType, expiresAt: now() + options.tokenTtlSeconds * 1000 });
    issued += 1;
    return {
      status: 200,
      body: { access_token: token, token_type: 'Bearer', expires_in: options.tokenTtlSeconds },
    };
  }

  /** Checks the bearer token of a resource call: a response to send back, or the token's grant. */
  function check(request: SimulatorRequest): SimulatorResponse | IssuedSimToken {
    const header = request.headers.authorization ?? '';
    const grant = header.startsWith('Bearer ') ? tokens.get(header.slice(7)) : undefined;
    if (!grant) return oauthError(401, 'invalid_token', 'The access token is invalid.');
    // tap-successfactors refreshes on exactly this description (§3.1; checklist §3.6.2).
    if (now() >= grant.expiresAt) return oauthError(401, 'invalid_token', 'The token has expired.');
    return grant;
  }

  return {
    issue,
    check,
    issuedCount: () => issued,
    /** Makes every issued token expired, as if its lifetime had passed. */
    expireAll() {
      for (const grant of tokens.values()) grant.expiresAt = 0;
    },
    /** Counters only: tokens stay valid, as a real token server's would. */
    reset() {
      issued = 0;
    },
  };
}
