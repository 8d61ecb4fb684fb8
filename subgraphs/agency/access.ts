import { normaliseEmail } from '../../adapters/core/query.js';
import { apiError, badUserInput } from '../../schema/errors.js';
import { formatGlobalId } from '../../schema/globalId.js';
import { CourseVisibility } from '../../schema/model/enums.js';
import type { LearnerMatch } from '../../schema/model/inputs.js';
import { ANONYMOUS, managedAgency, type Principal, readsPersonalData } from '../../schema/principal.js';
import type { AgencyContext } from './context.js';
import { findLearners } from './learnerMatch.js';
import { type LearnerView, learnerView } from './views.js';

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

/**
 * The caller's own learner accounts in this agency, looked up once per request like any person match
 * (DESIGN.md §3): by the verified index number where known, else by the verified e-mail.
 */
export function ownAccounts(ctx: AgencyContext): Promise<readonly LearnerView[]> {
  const { principal } = ctx.access;
  if (principal.kind !== 'user' || !principal.roles.includes('LEARNER')) return Promise.resolve([]);
  ctx.memo.ownAccounts ??= (async () => {
    const byIndex = principal.indexNumber ? await ctx.adapter.findLearners({ indexNumber: principal.indexNumber }) : [];
    const found =
      byIndex.length === 0 && principal.email
        ? await ctx.adapter.findLearners({ email: normaliseEmail(principal.email) })
        : byIndex;
    const views = found.map((record) => learnerView(ctx.agency.code, record));
    for (const view of views) ctx.learners.prime(view.localId, view);
    return views;
  })();
  return ctx.memo.ownAccounts;
}

/**
 * The accounts a person match may return to this caller: any of the agency's for its manager; for a
 * learner, their own accounts that the match names (found without asking the LMS again).
 */
export async function visibleLearners(ctx: AgencyContext, match: LearnerMatch): Promise<LearnerView[]> {
  requirePersonalAccess(ctx);
  return managesThisAgency(ctx) ? findLearners(ctx, match) : ownMatches(ctx, match);
}

async function ownMatches(ctx: AgencyContext, match: LearnerMatch): Promise<LearnerView[]> {
  const own = await ownAccounts(ctx);
  const indexNumber = match.indexNumber?.trim();
  const email = match.email ? normaliseEmail(match.email) : undefined;
  if (!indexNumber && !email) throw badUserInput('A learner match needs an `indexNumber` or an `email`.');
  const byIndex = indexNumber ? own.filter((l) => l.indexNumber === indexNumber) : [];
  if (byIndex.length > 0 || !email) return byIndex;
  return own.filter((l) => (l.email ? normaliseEmail(l.email) : null) === email);
}

/** A predicate: may the caller read the records of this learner account? */
export async function learnerVisibility(ctx: AgencyContext): Promise<(learnerLocalId: string) => boolean> {
  requirePersonalAccess(ctx);
  if (managesThisAgency(ctx)) return () => true;
  const own = new Set((await ownAccounts(ctx)).map((l) => l.localId));
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
  if (visibility === CourseVisibility.PUBLIC || catalogueClass(ctx) === 'all') return true;
  return viaReference && ctx.access.viaGateway && readsPersonalData(ctx.access.principal);
}

/**
 * Which catalogue rows a listing shows this caller: every row to this agency's manager, PUBLIC ones to
 * everyone else. Two callers of the same class see the same list, so a sorted list may be shared by
 * them (catalogueCache.ts) and never across classes.
 */
export const catalogueClass = (ctx: AgencyContext): 'all' | 'public' => (managesThisAgency(ctx) ? 'all' : 'public');
