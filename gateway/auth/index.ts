import { readFileSync } from 'node:fs';
import type { GraphQLError } from 'graphql';
import { AssertionSigner } from './assertion.js';
import { AuditLog } from './audit.js';
import { AuthError } from './authError.js';
import { Authenticator } from './authenticator.js';
import type { AuthConfig } from './config.js';
import { type AuthContext, PersonalReadsCollector, requestIdFrom } from './context.js';
import { type AccessRules, rulesFromSupergraph } from './rules.js';

export { type AuthConfig, authConfigSchema } from './config.js';
export type { AuthContext } from './context.js';
export { corsFor } from './cors.js';
export { authorizationPlugin } from './plugin.js';
export { supergraphForStockGateway } from './rules.js';

/** Everything the gateway needs to know who is asking and what they may see. */
export interface GatewayAuth {
  readonly config: AuthConfig;
  readonly authenticator: Authenticator;
  readonly signer: AssertionSigner;
  readonly rules: AccessRules;
  readonly audit: AuditLog;
}

export async function createGatewayAuth(config: AuthConfig, supergraphSdl: string): Promise<GatewayAuth> {
  const privateKey = config.assertion.privateKey?.reveal();
  return {
    config,
    authenticator: new Authenticator(config),
    signer: await AssertionSigner.create({
      // A file path or the PEM itself (from an environment variable).
      privateKeyPem: privateKey && !privateKey.includes('-----BEGIN') ? readFileSync(privateKey, 'utf8') : privateKey,
      issuer: config.assertion.issuer,
    }),
    rules: rulesFromSupergraph(supergraphSdl),
    audit: new AuditLog(config.audit.destination),
  };
}

/**
 * The Apollo Server context function: `Authorization` → principal (anonymous without one), a request id,
 * and the assertion for subgraphs. A bad token throws a GraphQLError carrying HTTP 401 and
 * `WWW-Authenticate: Bearer`, which Apollo Server answers as is.
 */
export async function authContext(
  auth: GatewayAuth,
  headers: { get(name: string): string | undefined | null },
): Promise<AuthContext> {
  let principal: AuthContext['principal'];
  try {
    principal = await auth.authenticator.authenticate(headers.get('authorization') ?? undefined);
  } catch (error) {
    throw toGraphQLError(error);
  }
  return {
    principal,
    requestId: requestIdFrom(headers.get('x-request-id') ?? undefined),
    assertion: await auth.signer.assertionFor(principal),
    personalReads: new PersonalReadsCollector(),
  };
}

function toGraphQLError(error: unknown): GraphQLError {
  return (error instanceof AuthError ? error : new AuthError('bad_signature')).toGraphQLError();
}
