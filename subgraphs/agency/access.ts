import { normaliseEmail } from '../../adapters/core/query.js';
import { apiError } from '../../schema/errors.js';
import { formatGlobalId } from '../../schema/globalId.js';
import { CourseVisibility } from '../../schema/model/enums.js';
import { ANONYMOUS, managedAgency, type Principal, readsPersonalData } from '../../schema/principal.js';
import type { AgencyContext } from './context.js';

/** Who is asking, as this agency subgraph knows it. */
export interface AgencyAccess {
  /** From the gateway's assertion; anonymous for a direct call. */
  readonly principal: Principal;
  /** A valid gateway assertion came with the request. */
  readonly viaGateway: boolean;
}

export const DIRECT_CALL: AgencyAccess = { principal: ANONYMOUS, viaGateway: false };

/**
 * Row-level rules (DESIGN.md §6), enforced here whatever the gateway did: personal records need a valid
 * gateway assertion of a learner (their own accounts, matched by verified index number or e-mail) or of
 * this agency's manager (all of them). Everyone else gets UNAUTHENTICATED or FORBIDDEN.
 */
export function requirePersonalAccess(ctx: AgencyContext): void {
  const { principal, viaGateway } = ctx.access;
  if (!viaGateway || principal.kind === 'anonymous') {
    throw apiError(
      'UNAUTHENTICATED',
      'Personal data is served only to signed-in callers, through the gateway (a valid gateway assertion).',
    );
  }
  if (!readsPersonalData(principal)) throw apiError('FORBIDDEN', 'Your role does not allow reading personal records.');
}

export const managesThisAgency = (ctx: AgencyContext): boolean =>
  ctx.access.viaGateway && managedAgency(ctx.access.principal) === ctx.agency.code;

/** The caller's own learner accounts in this agency (local ids); looked up once per request. */
export function ownAccounts(ctx: AgencyContext): Promise<ReadonlySet<string>> {
  const { principal } = ctx.access;
  if (principal.kind !== 'user' || !principal.roles.includes('LEARNER')) return Promise.resolve(new Set());
  ctx.memo.ownAccounts ??= (async () => {
    const ids = new Set<string>();
    if (principal.indexNumber) {
      for (const r of await ctx.adapter.findLearners({ indexNumber: principal.indexNumber })) ids.add(r.localId);
    }
    if (principal.email) {
      for (const r of await ctx.adapter.findLearners({ email: normaliseEmail(principal.email) })) ids.add(r.localId);
    }
    return ids;
  })();
  return ctx.memo.ownAccounts;
}

/** A predicate: may the caller read the records of this learner account? */
export async function learnerVisibility(ctx: AgencyContext): Promise<(learnerLocalId: string) => boolean> {
  requirePersonalAccess(ctx);
  if (managesThisAgency(ctx)) return () => true;
  const own = await ownAccounts(ctx);
  return (id) => own.has(id);
}

/** Notes whose records are returned, for the gateway's audit trail. */
export function recordRead(ctx: AgencyContext, learnerLocalId: string): void {
  ctx.personalReads.add(formatGlobalId(ctx.agency.code, 'learner', learnerLocalId));
}

/**
 * Catalogue rows: PUBLIC for everyone, INTERNAL and HIDDEN only for this agency's manager. A signed-in
 * learner reaching a course through their own enrolment (an entity reference) sees it whatever its
 * visibility.
 */
export function courseVisible(ctx: AgencyContext, visibility: CourseVisibility, viaReference = false): boolean {
  if (visibility === CourseVisibility.PUBLIC || managesThisAgency(ctx)) return true;
  return viaReference && ctx.access.viaGateway && readsPersonalData(ctx.access.principal);
}
