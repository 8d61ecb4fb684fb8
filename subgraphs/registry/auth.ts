import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../schema/config/secret.js';
import { hasRole } from '../../schema/principal.js';
import type { AssertionOutcome } from '../assertion/verifier.js';
import { registryError } from './errors.js';

/**
 * Who is calling. `directory` is the read-only credential gateways use to learn where agencies answer: a
 * compromised gateway must not be able to register or remove agencies. `harvester` is the insights
 * harvest's service identity: the directory, and the minimised recognition feed (no person) for its KPIs.
 */
export type Caller =
  | { readonly kind: 'admin' }
  | { readonly kind: 'directory' }
  | { readonly kind: 'harvester' }
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'invalid' };

export interface RegistryCredentials {
  readonly adminToken: Secret;
  /** Optional read-only token for gateways (directory and subgraph URLs, no changes). */
  readonly directoryToken?: Secret | undefined;
  /** Optional read-only token of the insights harvest (directory and recognition feed, no changes). */
  readonly harvestToken?: Secret | undefined;
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
// Both sides hashed first, so the constant-time comparison does not leak the token's length either.
const same = (given: string, secret: Secret) => timingSafeEqual(digest(given), digest(secret.reveal()));

/**
 * Reads `Authorization: Bearer <token>`: a simple credential scheme until the security issue brings JWT
 * roles (DESIGN.md §6).
 */
export function identifyCaller(
  authorization: string | undefined,
  credentials: RegistryCredentials,
  assertion: AssertionOutcome = { kind: 'none' },
): Caller {
  // Through the gateway: a REGISTRY_ADMIN principal vouched for by the gateway's assertion.
  if (assertion.kind === 'valid' && hasRole(assertion.principal, 'REGISTRY_ADMIN')) return { kind: 'admin' };
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match?.[1]) return { kind: 'invalid' };
  if (same(match[1], credentials.adminToken)) return { kind: 'admin' };
  if (credentials.directoryToken && same(match[1], credentials.directoryToken)) return { kind: 'directory' };
  if (credentials.harvestToken && same(match[1], credentials.harvestToken)) return { kind: 'harvester' };
  return { kind: 'invalid' };
}

const unauthenticated = () =>
  registryError('UNAUTHENTICATED', 'This operation needs a registry credential (Authorization: Bearer <token>).');

/** Changes: registry admins only. */
export function requireAdmin(caller: Caller): void {
  switch (caller.kind) {
    case 'admin':
      return;
    case 'anonymous':
      throw unauthenticated();
    case 'directory':
    case 'harvester':
      throw registryError('FORBIDDEN', 'This credential is read-only; changes need the admin credential.');
    case 'invalid':
      throw registryError('FORBIDDEN', 'The credential given is not a registry credential.');
  }
}

/** Where agencies answer (subgraph URLs, contacts): admins, gateways, and the harvest (which follows them). */
export function requireDirectoryReader(caller: Caller): void {
  switch (caller.kind) {
    case 'admin':
    case 'directory':
    case 'harvester':
      return;
    case 'anonymous':
      throw unauthenticated();
    case 'invalid':
      throw registryError('FORBIDDEN', 'The credential given is not a registry credential.');
  }
}
