import { Field, Int, ObjectType } from 'type-graphql';

/**
 * A self-check the registration gate reads (issue 13): do an agency's statistics count the enrolments its
 * courses list? Only totals and a verdict leave the agency, so it needs no access to personal data.
 */
@ObjectType({
  description:
    "Whether learningStats counts every enrolment the agency's courses list (hidden courses and inactive enrolments included). Totals only.",
})
export class EnrollmentCountCheck {
  @Field(() => Boolean, { description: 'Both counts were made (false: see `reason`).' })
  checked!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'The two counts are equal; null when not checked.' })
  agree!: boolean | null;

  @Field(() => String, { nullable: true, description: 'Why the counts were not made.' })
  reason!: string | null;

  @Field(() => Int, { nullable: true, description: 'Courses listed, every visibility included.' })
  courseCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Enrolments learningStats counts (no filter); null under the disclosure threshold.',
  })
  statisticsCount!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "Enrolments the courses' own lists hold, summed; null under the disclosure threshold.",
  })
  courseListsCount!: number | null;
}
