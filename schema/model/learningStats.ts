import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Agency } from './agency.js';

/**
 * Learning KPIs as counts. Rates are derived from summed counts, never averaged across agencies
 * (shared/reference/credentials-and-platforms.md §3.4), so each rate names its numerator and denominator.
 */
@ObjectType({
  description:
    'Learning counts; rates are computed from the counts, never averaged. A count of people under the disclosure threshold is null for public and ANALYST callers (see extensions.disclosure).',
})
export class LearningStats {
  @Field(() => Int)
  courseCount!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Learner accounts with at least one enrolment; one per agency account.',
  })
  learnerCount!: number | null;

  @Field(() => Int, { nullable: true })
  enrollmentCount!: number | null;

  @Field(() => Int, { nullable: true })
  completedCount!: number | null;

  @Field(() => Int, { nullable: true })
  inProgressCount!: number | null;

  @Field(() => Int, { nullable: true })
  failedCount!: number | null;

  @Field(() => Int, { nullable: true })
  withdrawnCount!: number | null;

  @Field(() => Int, { nullable: true })
  credentialCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'completedCount / enrollmentCount; null when no enrolments.' })
  completionRate!: number | null;

  @Field(() => [Agency], {
    description:
      'The agencies these counts cover. An agency that cannot count (its LMS has no statistics) or failed is left out, and an error names it.',
  })
  agencies!: Agency[];
}
