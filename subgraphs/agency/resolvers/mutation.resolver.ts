import { Arg, Ctx, Directive, Mutation, Resolver } from 'type-graphql';
import { requireCapability } from '../../../adapters/core/factory.js';
import { requiresRole } from '../../../schema/authorization.js';
import { formatGlobalId } from '../../../schema/globalId.js';
import { ExternalLearningInput, ExternalLearningRecord } from '../../../schema/model/externalLearning.js';
import { recordRead } from '../access.js';
import type { AgencyContext } from '../context.js';
import { externalLearningRequest, requireManager } from '../externalLearning.js';

/** The learning contract's one write (issue 14), routed to the agency named in its input (schema/sharding.ts). */
@Resolver()
export class MutationResolver {
  @Directive(requiresRole('AGENCY_MANAGER'))
  @Mutation(() => ExternalLearningRecord, {
    description:
      "Records recognised learning in the learner's LMS record (an external training or learning-history entry, " +
      'or the completion of an equivalent course). Idempotent by `idempotencyKey`. LMS_UNSUPPORTED where the ' +
      "LMS's API cannot record it (Moodle), with the reason.",
  })
  async recordExternalLearning(
    @Arg('input', () => ExternalLearningInput) input: ExternalLearningInput,
    @Ctx() ctx: AgencyContext,
  ): Promise<ExternalLearningRecord> {
    requireManager(ctx);
    // Refused before any LMS read when the LMS cannot record (Moodle says why).
    requireCapability(ctx.adapter, 'recognitions.write', ctx.agency.code);
    const request = await externalLearningRequest(ctx, input);
    const record = await ctx.adapter.recordExternalLearning(request);
    recordRead(ctx, request.learnerLocalId);
    return {
      enrollmentId: formatGlobalId(ctx.agency.code, 'enrollment', record.enrollmentLocalId),
      created: record.created,
    };
  }
}
