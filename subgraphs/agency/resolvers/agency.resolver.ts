import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Agency } from '../../../schema/model/agency.js';
import { CourseConnection } from '../../../schema/model/connection.js';
import { EnrollmentCountCheck } from '../../../schema/model/enrollmentCountCheck.js';
import { type SourceKind, SourceKindEnum } from '../../../schema/model/enums.js';
import { CourseFilter, CourseOrder, StatsFilter } from '../../../schema/model/inputs.js';
import { LearningStats } from '../../../schema/model/learningStats.js';
import type { AgencyContext } from '../context.js';
import { enrollmentCountCheck } from '../countCheck.js';
import { learningStats, listCourses } from '../listings.js';

/** Agency-owned fields: the gateway routes them to the agency itself. */
@Resolver(() => Agency)
export class AgencyResolver {
  @FieldResolver(() => SourceKindEnum, {
    description: "Which family of source the agency's catalogue comes from (LMS, OER repository, external platform).",
  })
  sourceKind(@Ctx() ctx: AgencyContext): SourceKind {
    return ctx.adapter.category;
  }

  // Nullable: an agency whose catalogue or statistics fail stays in `agencies`, with an error at that path.
  @FieldResolver(() => CourseConnection, { nullable: true })
  courses(
    @Root() _agency: Agency,
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => CourseFilter, { nullable: true }) filter?: CourseFilter,
    @Arg('orderBy', () => CourseOrder, { nullable: true }) orderBy?: CourseOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return listCourses(ctx, filter, orderBy, { first, after });
  }

  @FieldResolver(() => LearningStats, { nullable: true })
  learningStats(
    @Root() _agency: Agency,
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => StatsFilter, { nullable: true }) filter?: StatsFilter,
  ) {
    return learningStats(ctx, filter);
  }

  @FieldResolver(() => EnrollmentCountCheck, {
    nullable: true,
    description:
      'Whether learningStats counts every enrolment the courses list; for the registration gate. Totals only.',
  })
  enrollmentCountCheck(@Root() _agency: Agency, @Ctx() ctx: AgencyContext): Promise<EnrollmentCountCheck> {
    return enrollmentCountCheck(ctx);
  }
}
