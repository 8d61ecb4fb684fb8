import { Directive, Field, Float, ID, ObjectType } from 'type-graphql';
import { AUTHENTICATED, PERSONAL_DATA_POLICY } from '../authorization.js';
import { EnrollmentStatus } from './enums.js';
import { DateTime } from './scalars.js';

@Directive('@key(fields: "id")')
// Personal data: signed-in learners (their own) and agency managers (their agency's) only.
@Directive(AUTHENTICATED)
@Directive(PERSONAL_DATA_POLICY)
@ObjectType({ description: "A learner's enrolment in a course, with its outcome." })
export class Enrollment {
  @Field(() => ID, { description: 'Global id `<agency>:enrollment:<localId>`.' })
  id!: string;

  @Field(() => EnrollmentStatus)
  status!: EnrollmentStatus;

  @Field(() => String, { description: "The LMS's own status label, kept so agencies can audit the mapping." })
  sourceStatus!: string;

  @Field(() => DateTime, { nullable: true })
  enrolledAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Progress in percent, 0–100, when the LMS tracks it.' })
  progress!: number | null;

  @Field(() => Float, { nullable: true, description: 'Final score in percent, 0–100, when graded.' })
  score!: number | null;
}
