import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Course } from '../../../schema/model/course.js';
import { Credential } from '../../../schema/model/credential.js';
import { Enrollment } from '../../../schema/model/enrollment.js';
import { Learner } from '../../../schema/model/learner.js';
import type { AgencyContext } from '../context.js';
import type { EnrollmentView } from '../views.js';

@Resolver(() => Enrollment)
export class EnrollmentResolver {
  @FieldResolver(() => Course, { nullable: true, description: 'Null when the course was deleted in the LMS.' })
  course(@Root() enrollment: EnrollmentView, @Ctx() ctx: AgencyContext) {
    return ctx.courses.load(enrollment.courseLocalId);
  }

  @FieldResolver(() => Learner, { nullable: true })
  learner(@Root() enrollment: EnrollmentView, @Ctx() ctx: AgencyContext) {
    return ctx.learners.load(enrollment.learnerLocalId);
  }

  @FieldResolver(() => [Credential], { description: 'Credentials the learner earned in this course.' })
  async credentials(@Root() enrollment: EnrollmentView, @Ctx() ctx: AgencyContext) {
    if (!ctx.adapter.capabilities.has('credentials')) return [];
    const mine = await ctx.credentialsByLearner.load(enrollment.learnerLocalId);
    return mine.filter((c) => c.courseLocalId === enrollment.courseLocalId);
  }
}
