import { Arg, Ctx, Directive, ID, Int, Query, Resolver } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../../../schema/authorization.js';
import { badUserInput, notFound } from '../../../schema/errors.js';
import { Agency } from '../../../schema/model/agency.js';
import { CourseConnection, CredentialConnection, EnrollmentConnection } from '../../../schema/model/connection.js';
import { Course } from '../../../schema/model/course.js';
import {
  CourseFilter,
  CourseOrder,
  CredentialFilter,
  CredentialOrder,
  EnrollmentFilter,
  EnrollmentOrder,
  LearnerMatch,
  StatsFilter,
} from '../../../schema/model/inputs.js';
import { Learner } from '../../../schema/model/learner.js';
import { LearningStats } from '../../../schema/model/learningStats.js';
import { courseVisible, learnerVisibility, recordRead, visibleLearners } from '../access.js';
import type { AgencyContext } from '../context.js';
import { agencyIncluded, ownLocalId } from '../ids.js';
import {
  emptyConnection,
  emptyStats,
  holdsNoPeople,
  learningStats,
  listCourses,
  listCredentials,
  listEnrollments,
} from '../listings.js';

@Resolver()
export class QueryResolver {
  @Query(() => [Agency], { description: 'The agencies answering this endpoint.' })
  agencies(@Ctx() ctx: AgencyContext): Agency[] {
    return [ctx.agency];
  }

  @Query(() => Agency, { nullable: true })
  agency(@Arg('code', () => String) code: string, @Ctx() ctx: AgencyContext): Agency | null {
    return code === ctx.agency.code ? ctx.agency : null;
  }

  @Query(() => CourseConnection, { description: 'The catalogue, across agencies, in one order.' })
  courses(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => CourseFilter, { nullable: true }) filter?: CourseFilter,
    @Arg('orderBy', () => CourseOrder, { nullable: true }) orderBy?: CourseOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    if (!agencyIncluded(ctx, filter?.agencies)) return emptyConnection();
    return listCourses(ctx, filter, orderBy, { first, after });
  }

  @Query(() => Course, { nullable: true })
  async course(@Arg('id', () => ID) id: string, @Ctx() ctx: AgencyContext) {
    const localId = ownLocalId(ctx, id, 'course');
    const course = localId === null ? null : await ctx.courses.load(localId);
    if (!course || !courseVisible(ctx, course.visibility)) throw notFound(`No course has the id \`${id}\`.`);
    return course;
  }

  @Directive(AUTHENTICATED)
  @Directive(PERSONAL_DATA_POLICY)
  @Query(() => [Learner], {
    nullable: true,
    description: "One person's learner accounts: by UN index number, else e-mail.",
  })
  async learners(@Arg('match', () => LearnerMatch) match: LearnerMatch, @Ctx() ctx: AgencyContext) {
    if (holdsNoPeople(ctx)) return [];
    const learners = await visibleLearners(ctx, match);
    for (const learner of learners) recordRead(ctx, learner.localId);
    return learners;
  }

  @Directive(AUTHENTICATED)
  @Directive(PERSONAL_DATA_POLICY)
  @Query(() => EnrollmentConnection, {
    nullable: true,
    description: 'Enrolments of one person (across agencies) or of one course.',
  })
  async enrollments(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => EnrollmentFilter) filter: EnrollmentFilter,
    @Arg('orderBy', () => EnrollmentOrder, { nullable: true }) orderBy?: EnrollmentOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    if (!filter.learner && !filter.courseId) throw badUserInput('`filter` needs a `learner` or a `courseId`.');
    if (holdsNoPeople(ctx)) return emptyConnection();
    const visible = await learnerVisibility(ctx);
    if (!agencyIncluded(ctx, filter.agencies)) return emptyConnection();
    if (filter.courseId) {
      const courseLocalId = ownLocalId(ctx, filter.courseId, 'course');
      if (courseLocalId === null) return emptyConnection();
      return listEnrollments(ctx, { courseLocalId }, filter, orderBy, { first, after }, visible);
    }
    const learners = await visibleLearners(ctx, filter.learner!);
    return listEnrollments(
      ctx,
      { learnerLocalIds: learners.map((l) => l.localId) },
      filter,
      orderBy,
      { first, after },
      visible,
    );
  }

  @Directive(AUTHENTICATED)
  @Directive(PERSONAL_DATA_POLICY)
  @Query(() => CredentialConnection, { nullable: true, description: "One person's credentials across agencies." })
  async credentials(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => CredentialFilter) filter: CredentialFilter,
    @Arg('orderBy', () => CredentialOrder, { nullable: true }) orderBy?: CredentialOrder,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    if (holdsNoPeople(ctx)) return emptyConnection();
    const visible = await learnerVisibility(ctx);
    if (!agencyIncluded(ctx, filter.agencies)) return emptyConnection();
    const learners = await visibleLearners(ctx, filter.learner);
    return listCredentials(
      ctx,
      learners.map((l) => l.localId),
      filter,
      orderBy,
      { first, after },
      visible,
    );
  }

  @Query(() => LearningStats, {
    description:
      'Live learning counts: asked of the LMSs now, on every cache miss (slow for large sites; for one small agency). `learningStats` answers system-wide KPIs from harvested snapshots.',
  })
  liveLearningStats(
    @Ctx() ctx: AgencyContext,
    @Arg('filter', () => StatsFilter, { nullable: true }) filter?: StatsFilter,
  ) {
    if (!agencyIncluded(ctx, filter?.agencies)) return emptyStats();
    return learningStats(ctx, filter);
  }
}
