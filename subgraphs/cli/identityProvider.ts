import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWK } from 'jose';
import Provider, { type Configuration, errors } from 'oidc-provider';
import { findSandboxAccount, SANDBOX_ACCOUNTS, type SandboxAccount } from './sandboxPeople.js';

/** The CLI's OAuth client: public (no secret), native, PKCE, loopback redirect (RFC 8252 §7.3). */
export const SANDBOX_CLI_CLIENT = 'convergence-cli';
export const SANDBOX_CLI_REDIRECT = 'http://127.0.0.1/callback';
/** The resource (audience) of access tokens for the gateway. */
export const SANDBOX_GATEWAY_AUDIENCE = 'urn:convergence:gateway';
/** Another API of the same provider: its tokens must not open the gateway (wrong-audience tests). */
export const SANDBOX_OTHER_AUDIENCE = 'urn:convergence:other-api';
/** The one resource scope the gateway's tokens carry. */
export const SANDBOX_SCOPE = 'learning';
/** Dev-only control endpoint: rotate the signing key while running. */
export const ROTATE_KEYS_PATH = '/__sandbox/rotate-keys';

export interface IdentityProviderOptions {
  readonly port?: number;
  readonly host?: string;
  /** Private JWKS file: read when it exists, else created (tests sign edge-case tokens with it). */
  readonly keysFile?: string;
  /** @default 3600 */
  readonly accessTokenTtlSeconds?: number;
}

export interface RunningIdentityProvider extends AsyncDisposable {
  /** The issuer URL (also where discovery lives). */
  readonly url: string;
  rotateKeys(): void;
  stop(): Promise<void>;
}

type PrivateJwk = JWK & { kid: string };

function newSigningKey(): PrivateJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as JWK;
  return { ...jwk, kid: `sandbox-${randomBytes(6).toString('hex')}`, alg: 'RS256', use: 'sig' };
}

/** The claims the gateway maps (gateway/auth/config.ts defaults), for the access token and userinfo. */
function claimsOf(account: SandboxAccount): Record<string, unknown> {
  return {
    email: account.email,
    email_verified: true,
    name: account.name,
    un_index_number: account.indexNumber,
    un_agency: account.agency,
    roles: [...account.roles],
  };
}

function configuration(keys: readonly PrivateJwk[], ttl: number, cookieKey: string): Configuration {
  return {
    clients: [
      {
        client_id: SANDBOX_CLI_CLIENT,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: [SANDBOX_CLI_REDIRECT],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: keys.map((k) => ({ ...k })) } as Configuration['jwks'],
    cookies: { keys: [cookieKey] },
    pkce: { required: () => true },
    ttl: { AccessToken: ttl, Interaction: 600, Grant: 3600, Session: 3600, AuthorizationCode: 60 },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, id) => {
      const account = findSandboxAccount(id);
      if (!account) return undefined;
      return { accountId: account.email, claims: () => ({ sub: account.email, ...claimsOf(account) }) };
    },
    // JWT access tokens exist only for resource servers (RFC 8707 resource indicators).
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => SANDBOX_GATEWAY_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== SANDBOX_GATEWAY_AUDIENCE && resource !== SANDBOX_OTHER_AUDIENCE) {
            throw new errors.InvalidTarget();
          }
          return {
            audience: resource,
            scope: SANDBOX_SCOPE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: ttl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const account = 'accountId' in token && token.accountId ? findSandboxAccount(token.accountId) : undefined;
      return account ? claimsOf(account) : undefined;
    },
  };
}

/**
 * A real OpenID Provider (the certified `oidc-provider` package) for the sandbox: the sandbox people as
 * accounts, JWT access tokens for the gateway's audience, authorization code + PKCE, and a development
 * sign-in form that accepts any password. Never for production.
 */
export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<RunningIdentityProvider> {
  const keysFile = options.keysFile;
  let keys: PrivateJwk[] =
    keysFile && existsSync(keysFile)
      ? (JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: PrivateJwk[] }).keys
      : [newSigningKey()];
  const save = () => keysFile && writeFileSync(keysFile, JSON.stringify({ keys }), { mode: 0o600 });
  save();
  const cookieKey = randomBytes(32).toString('base64url');
  const ttl = options.accessTokenTtlSeconds ?? 3600;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const build = () => {
    const provider = new Provider(issuer, configuration(keys, ttl, cookieKey));
    return provider.callback();
  };
  let handle = build();
  const rotateKeys = () => {
    // The new key signs from now on; the old one stays published so tokens already issued still verify.
    keys = [newSigningKey(), ...keys.slice(0, 2)];
    save();
    handle = build();
  };
  server.on('request', (req, res) => {
    if (req.method === 'POST' && req.url === ROTATE_KEYS_PATH) {
      rotateKeys();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kid: keys[0]!.kid }));
      return;
    }
    void handle(req, res);
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: issuer, rotateKeys, stop, [Symbol.asyncDispose]: stop };
}

export { SANDBOX_ACCOUNTS };

/** `convergence identity-provider [--port 4002] [--keys file]`: the sandbox OpenID Provider on loopback. */
export async function runIdentityProvider(port: number, keysFile: string | undefined): Promise<void> {
  const { createLogger } = await import('../../adapters/core/logger.js');
  const { announce } = await import('./run.js');
  const running = await startIdentityProvider({ port, ...(keysFile ? { keysFile } : {}) });
  announce(createLogger('identity-provider'), 'identity provider', running);
}
