import { hasRole, managedAgency, type Principal } from '../../../schema/principal.js';
import type { Caller } from '../auth.js';
import { registryError } from '../errors.js';

/**
 * Who may write curation records (issue 16, with the roles of issue 10): a registry admin (a
 * REGISTRY_ADMIN principal through the gateway, or the registry admin token), or an agency's learning
 * manager (AGENCY_MANAGER of that agency) — the latter only for courses its agency recommends (see
 * CurationService for the exact rule).
 */
export type Curator =
  | { readonly kind: 'admin'; readonly reviewer: string }
  | { readonly kind: 'manager'; readonly agency: string; readonly reviewer: string };

const reviewerOf = (principal: Principal) =>
  principal.kind === 'user' ? (principal.email ?? principal.subject) : 'anonymous';

export function curatorOf(caller: Caller, principal: Principal): Curator {
  if (hasRole(principal, 'REGISTRY_ADMIN')) return { kind: 'admin', reviewer: reviewerOf(principal) };
  const agency = managedAgency(principal);
  if (agency) return { kind: 'manager', agency, reviewer: reviewerOf(principal) };
  if (caller.kind === 'admin') return { kind: 'admin', reviewer: 'registry-admin-token' };
  if (principal.kind === 'anonymous' && caller.kind === 'anonymous') {
    throw registryError('UNAUTHENTICATED', 'Curation records are written by curators: sign in.');
  }
  throw registryError(
    'FORBIDDEN',
    'Curation records are written by curators only: an agency learning manager (AGENCY_MANAGER) or a registry admin.',
  );
}
