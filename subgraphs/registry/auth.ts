import { createHash, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../../adapters/core/secret.js';
import { registryError } from './errors.js';

export type Caller = { readonly kind: 'admin' } | { readonly kind: 'anonymous' } | { readonly kind: 'invalid' };

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Reads `Authorization: Bearer <token>` and compares it with the admin token in constant time (both sides
 * hashed first, so the comparison does not leak the token's length either). A simple admin credential until
 * the security issue brings JWT roles.
 */
export function identifyCaller(authorization: string | undefined, adminToken: Secret): Caller {
  if (!authorization) return { kind: 'anonymous' };
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match?.[1]) return { kind: 'invalid' };
  return timingSafeEqual(digest(match[1]), digest(adminToken.reveal())) ? { kind: 'admin' } : { kind: 'invalid' };
}

export function requireAdmin(caller: Caller): void {
  switch (caller.kind) {
    case 'admin':
      return;
    case 'anonymous':
      throw registryError(
        'UNAUTHENTICATED',
        'This operation needs the registry admin credential (Authorization: Bearer <token>).',
      );
    case 'invalid':
      throw registryError('FORBIDDEN', 'The credential given is not the registry admin credential.');
  }
}
