import { apiError } from '../../../../schema/errors.js';
import { hasRole, managedAgency } from '../../../../schema/principal.js';
import { isRegistryAdmin, type RegistryAccess } from '../access.js';

/**
 * Who changed agreements and provider profiles, and when: for staff (registry admins, agency managers,
 * analysts). Learners and anonymous callers see the records, not the names of those who changed them.
 */
export function requireHistoryReader(access: RegistryAccess): void {
  const { principal } = access;
  if (isRegistryAdmin(access) || managedAgency(principal) !== null || hasRole(principal, 'ANALYST')) return;
  if (principal.kind === 'anonymous') throw apiError('UNAUTHENTICATED', 'Sign in to read who changed what.');
  throw apiError('FORBIDDEN', 'Change histories are for registry admins, agency managers and analysts.');
}
