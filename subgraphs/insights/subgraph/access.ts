import { apiError } from '../../../schema/errors.js';
import { hasRole, managedAgency, type Principal } from '../../../schema/principal.js';

/** Who is asking the insights subgraph (from the gateway's assertion). */
export interface InsightsAccess {
  readonly principal: Principal;
  readonly viaGateway: boolean;
}

/** The roles that read the harvested KPIs: system-wide analysts and admins, and managers for their agency. */
export const KPI_READERS = ['ANALYST', 'REGISTRY_ADMIN', 'AGENCY_MANAGER'] as const;

/**
 * The agencies this caller may read KPIs of (DESIGN.md §6, enforced here whatever the gateway did):
 * ANALYST and REGISTRY_ADMIN every agency (null: no restriction); an AGENCY_MANAGER their own only.
 */
export function readableAgencies(access: InsightsAccess, asked: readonly string[] | undefined): string[] | undefined {
  const { principal, viaGateway } = access;
  if (!viaGateway || principal.kind === 'anonymous') {
    throw apiError('UNAUTHENTICATED', 'Learning KPIs are served to signed-in callers, through the gateway.');
  }
  if (hasRole(principal, 'ANALYST') || hasRole(principal, 'REGISTRY_ADMIN')) return asked ? [...asked] : undefined;
  const managed = managedAgency(principal);
  if (!managed) throw apiError('FORBIDDEN', 'Learning KPIs are for analysts, registry admins and agency managers.');
  if (asked?.some((code) => code !== managed)) {
    throw apiError('FORBIDDEN', `An agency manager reads the KPIs of their own agency (${managed}) only.`);
  }
  return [managed];
}

/** Whether figures of exactly these agencies are shown in full: a manager's own agency only. */
export function seesInFull(access: InsightsAccess, agencies: readonly string[]): boolean {
  const managed = managedAgency(access.principal);
  return access.viaGateway && managed !== null && agencies.length === 1 && agencies[0] === managed;
}
