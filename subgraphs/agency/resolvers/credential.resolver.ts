import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Agency } from '../../../schema/model/agency.js';
import { Course } from '../../../schema/model/course.js';
import { Credential } from '../../../schema/model/credential.js';
import { Learner } from '../../../schema/model/learner.js';
import type { AgencyContext } from '../context.js';
import type { CredentialView } from '../views.js';

@Resolver(() => Credential)
export class CredentialResolver {
  @FieldResolver(() => Agency, { description: 'The agency whose LMS issued or recorded it.' })
  agency(@Ctx() ctx: AgencyContext): Agency {
    return ctx.agency;
  }

  @FieldResolver(() => Learner, { nullable: true })
  learner(@Root() credential: CredentialView, @Ctx() ctx: AgencyContext) {
    return ctx.learners.load(credential.learnerLocalId);
  }

  @FieldResolver(() => Course, { nullable: true })
  course(@Root() credential: CredentialView, @Ctx() ctx: AgencyContext) {
    return credential.courseLocalId === null ? null : ctx.courses.load(credential.courseLocalId);
  }
}
