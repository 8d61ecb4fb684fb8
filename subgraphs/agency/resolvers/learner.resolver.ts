import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Agency } from '../../../schema/model/agency.js';
import { CredentialConnection, EnrollmentConnection } from '../../../schema/model/connection.js';
import { EnrollmentStatus } from '../../../schema/model/enums.js';
import { CredentialOrder, EnrollmentOrder } from '../../../schema/model/inputs.js';
import { Learner } from '../../../schema/model/learner.js';
import { learnerVisibility } from '../access.js';
import type { AgencyContext } from '../context.js';
import { listCredentials, listEnrollments } from '../listings.js';
import type { LearnerView } from '../views.js';

@Resolver(() => Learner)
export class LearnerResolver {
  @FieldResolver(() => Agency)
  agency(@Ctx() ctx: AgencyContext): Agency {
    return ctx.agency;
  }

  // Nullable child connections: a failing one gives an error at its own path and never nulls the learner.
  @FieldResolver(() => EnrollmentConnection, { nullable: true })
  async enrollments(
    @Root() learner: LearnerView,
    @Ctx() ctx: AgencyContext,
    @Arg('statuses', () => [EnrollmentStatus], { nullable: true }) statuses?: EnrollmentStatus[],
    @Arg('orderBy', () => EnrollmentOrder, { nullable: true }) orderBy?: EnrollmentOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const visible = await learnerVisibility(ctx);
    return listEnrollments(
      ctx,
      { learnerLocalIds: [learner.localId] },
      statuses ? { statuses } : undefined,
      orderBy,
      { first, after },
      visible,
    );
  }

  @FieldResolver(() => CredentialConnection, { nullable: true })
  async credentials(
    @Root() learner: LearnerView,
    @Ctx() ctx: AgencyContext,
    @Arg('orderBy', () => CredentialOrder, { nullable: true }) orderBy?: CredentialOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    const visible = await learnerVisibility(ctx);
    return listCredentials(ctx, [learner.localId], undefined, orderBy, { first, after }, visible);
  }
}
