import { requireCapability } from '../../adapters/core/factory.js';
import { normaliseEmail } from '../../adapters/core/query.js';
import { badUserInput } from '../../schema/errors.js';
import type { LearnerMatch } from '../../schema/model/inputs.js';
import type { AgencyContext } from './context.js';
import { type LearnerView, learnerView } from './views.js';

/**
 * A person's accounts in this agency: by UN index number where given and known, else by e-mail
 * (DESIGN.md §3).
 */
export async function findLearners(ctx: AgencyContext, match: LearnerMatch): Promise<LearnerView[]> {
  const indexNumber = match.indexNumber?.trim();
  const email = match.email ? normaliseEmail(match.email) : undefined;
  if (!indexNumber && !email) throw badUserInput('A learner match needs an `indexNumber` or an `email`.');
  requireCapability(ctx.adapter, 'learners', ctx.agency.code);
  let found = indexNumber ? await ctx.adapter.findLearners({ indexNumber }) : [];
  if (found.length === 0 && email) found = await ctx.adapter.findLearners({ email });
  const views = found.map((record) => learnerView(ctx.agency.code, record));
  for (const view of views) ctx.learners.prime(view.localId, view);
  return views;
}
