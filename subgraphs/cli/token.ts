import { createHash, randomBytes } from 'node:crypto';
import { discoveryUrl } from '../../gateway/auth/issuer.js';
import {
  SANDBOX_CLI_CLIENT,
  SANDBOX_CLI_REDIRECT,
  SANDBOX_GATEWAY_AUDIENCE,
  SANDBOX_SCOPE,
} from './identityProvider.js';
import { UsageError } from './usageError.js';

/** Where `convergence token` finds the sandbox identity provider unless `--issuer` says otherwise. */
export const DEFAULT_SANDBOX_ISSUER = 'http://127.0.0.1:4002';

export interface TokenRequest {
  readonly issuer: string;
  readonly email: string;
  /** The API the token is for. @default urn:convergence:gateway */
  readonly resource?: string;
}

/** A tiny cookie jar: the provider keeps the interaction in cookies between redirects. */
class Cookies {
  readonly #values = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) this.#values.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
  header(): string {
    return [...this.#values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const base64url = (buffer: Buffer) => buffer.toString('base64url');

/**
 * Gets an access token from the sandbox identity provider the way any OAuth 2.0 client would:
 * authorization code with PKCE (RFC 7636) and a resource indicator (RFC 8707), signing in through the
 * provider's development form as `email`, then redeeming the code at the token endpoint.
 */
export async function obtainAccessToken(request: TokenRequest): Promise<string> {
  const discovery = (await (await fetch(discoveryUrl(request.issuer))).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const resource = request.resource ?? SANDBOX_GATEWAY_AUDIENCE;
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: SANDBOX_CLI_CLIENT,
    response_type: 'code',
    redirect_uri: SANDBOX_CLI_REDIRECT,
    scope: `openid email profile ${SANDBOX_SCOPE}`,
    resource,
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
    login_hint: request.email,
  }).toString();

  const cookies = new Cookies();
  let next: { url: string; init?: RequestInit } = { url: authorize.toString() };
  const answered = new Set<string>();
  for (let hops = 0; hops < 20; hops++) {
    const response = await fetch(next.url, {
      ...next.init,
      redirect: 'manual',
      headers: { ...(next.init?.headers as Record<string, string>), cookie: cookies.header() },
    });
    cookies.take(response);
    const location = response.headers.get('location');
    if (location) {
      await response.body?.cancel();
      const target = new URL(location, next.url);
      if (target.toString().startsWith(SANDBOX_CLI_REDIRECT)) {
        const error = target.searchParams.get('error');
        if (error)
          throw new Error(`the identity provider refused: ${target.searchParams.get('error_description') ?? error}`);
        if (target.searchParams.get('state') !== state)
          throw new Error('the identity provider answered another request');
        return redeem(discovery.token_endpoint, target.searchParams.get('code') ?? '', verifier, resource);
      }
      next = { url: target.toString() };
      continue;
    }
    const page = await response.text();
    // The provider's development forms: sign-in (any password for a sandbox account), then consent, which
    // oidc-provider always asks of native clients (reason `native_client_prompt`).
    const prompt = /name="prompt" value="(login|consent)"/.exec(page)?.[1];
    if (response.ok && prompt && !answered.has(prompt)) {
      answered.add(prompt);
      const form: Record<string, string> =
        prompt === 'login' ? { prompt, login: request.email, password: 'sandbox' } : { prompt };
      next = {
        url: next.url,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(form).toString(),
        },
      };
      continue;
    }
    throw new Error(
      `the identity provider did not sign in ${request.email} (HTTP ${response.status}); is it a sandbox account?`,
    );
  }
  throw new Error('the identity provider redirected too many times');
}

async function redeem(tokenEndpoint: string, code: string, verifier: string, resource: string): Promise<string> {
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: SANDBOX_CLI_REDIRECT,
      client_id: SANDBOX_CLI_CLIENT,
      code_verifier: verifier,
      resource,
    }).toString(),
  });
  const body = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
  if (!response.ok || !body.access_token) {
    throw new Error(`the token endpoint refused: ${body.error_description ?? body.error ?? response.status}`);
  }
  return body.access_token;
}

/** `convergence token --as <e-mail> [--issuer <url>]`: prints an access token for the gateway. */
export async function runToken(email: string | undefined, issuer: string | undefined): Promise<void> {
  if (!email) throw new UsageError('token needs --as <e-mail of a sandbox account>');
  const token = await obtainAccessToken({ issuer: issuer ?? DEFAULT_SANDBOX_ISSUER, email });
  process.stdout.write(`${token}\n`);
}
