import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../../../schema/authorization.js';
import { Agency } from '../../../schema/model/agency.js';
import { EnrollmentConnection } from '../../../schema/model/connection.js';
import { Course } from '../../../schema/model/course.js';
import { EnrollmentStatus } from '../../../schema/model/enums.js';
import { EnrollmentOrder } from '../../../schema/model/inputs.js';
import { learnerVisibility } from '../access.js';
import type { AgencyContext } from '../context.js';
import { emptyConnection, holdsNoPeople, listEnrollments } from '../listings.js';
import type { CourseView } from '../views.js';

@Resolver(() => Course)
export class CourseResolver {
  @FieldResolver(() => Agency)
  agency(@Ctx() ctx: AgencyContext): Agency {
    return ctx.agency;
  }

  // Nullable: a failing child connection gives an error at its own path and never nulls the course.
  @Directive(AUTHENTICATED)
  @Directive(PERSONAL_DATA_POLICY)
  @FieldResolver(() => EnrollmentConnection, {
    nullable: true,
    description: "The course's enrolments (where the LMS lists them); null with an error when they cannot be read.",
  })
  async enrollments(
    @Root() course: CourseView,
    @Ctx() ctx: AgencyContext,
    @Arg('statuses', () => [EnrollmentStatus], { nullable: true }) statuses?: EnrollmentStatus[],
    @Arg('orderBy', () => EnrollmentOrder, { nullable: true }) orderBy?: EnrollmentOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    if (holdsNoPeople(ctx)) return emptyConnection();
    const visible = await learnerVisibility(ctx);
    return listEnrollments(
      ctx,
      { courseLocalId: course.localId },
      statuses ? { statuses } : undefined,
      orderBy,
      { first, after },
      visible,
    );
  }
}
