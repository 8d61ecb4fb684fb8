import type { JWTPayload } from 'jose';
import { ROLES, type Role, type UserPrincipal } from '../../schema/principal.js';
import { AuthError } from './authError.js';
import type { IssuerConfig } from './config.js';

/** Reads a claim by name; a dotted name reads nested objects (Keycloak's `realm_access.roles`). */
export function readClaim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let node: unknown = payload;
  for (const part of name.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/** A claim holding a list or one string (Okta `groups`, Entra `roles`, a space-separated `scope`). */
function strings(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return [];
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * The principal a verified token describes, following the issuer's claim mapping. The e-mail counts only
 * when the issuer says it is verified: a self-asserted address must never unlock someone's records.
 */
export function principalFromClaims(payload: JWTPayload, config: IssuerConfig): UserPrincipal {
  const { claims } = config;
  const subject = text(readClaim(payload, claims.subject));
  if (!subject) throw new AuthError('missing_claim');
  const verified = claims.emailVerified === false || readClaim(payload, claims.emailVerified) === true;
  const email = verified ? (text(readClaim(payload, claims.email))?.toLowerCase() ?? null) : null;
  const roles = new Set<Role>(config.defaultRoles);
  for (const value of strings(readClaim(payload, claims.roles))) {
    const mapped = config.roleMap[value] ?? (isRole(value) ? value : undefined);
    if (mapped) roles.add(mapped);
  }
  return {
    kind: 'user',
    issuer: config.issuer,
    subject,
    email,
    indexNumber: text(readClaim(payload, claims.indexNumber)),
    agency: text(readClaim(payload, claims.agency))?.toLowerCase() ?? null,
    roles: ROLES.filter((role) => roles.has(role)),
  };
}
