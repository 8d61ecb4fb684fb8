import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { LearnerMatch } from './inputs.js';
import { DateTime } from './scalars.js';

/**
 * Learning done elsewhere (an external platform, another agency) that an agency recognises under an
 * inter-agency agreement, to be written into the learner's record in its LMS (issue 14). The registry sends
 * it when a manager records a recognition; it is routed to the agency named by `agency`.
 */
@InputType({ description: "Recognised learning to record in a learner's LMS record (routed by `agency`)." })
export class ExternalLearningInput {
  @Field(() => String, { description: 'The recognising agency, whose LMS records it.' })
  agency!: string;

  @Field(() => LearnerMatch, { description: 'The person; their account in this agency is found like any match.' })
  learner!: LearnerMatch;

  @Field(() => String, {
    description: 'The same on every attempt to record this learning: a retry or a double submit never records twice.',
  })
  idempotencyKey!: string;

  @Field(() => String, { description: 'What was learnt, as the LMS record shows it.' })
  title!: string;

  @Field(() => String, { description: 'Who taught it (the credential issuer).' })
  provider!: string;

  @Field(() => DateTime)
  completedAt!: Date;

  @Field(() => ID, {
    nullable: true,
    description: "The agency's own course this learning counts as (its completion is recorded); null for credit.",
  })
  courseId?: string | null;

  @Field(() => Float, { nullable: true, description: 'Hours of learning credit; required without `courseId`.' })
  hours?: number | null;
}

@ObjectType({ description: "The LMS record that holds recognised learning: an enrolment of the learner's transcript." })
export class ExternalLearningRecord {
  @Field(() => ID, { description: 'The enrolment as it appears in the transcript (`<agency>:enrollment:<localId>`).' })
  enrollmentId!: string;

  @Field(() => Boolean, { description: 'False when an earlier attempt had already recorded it: nothing was written.' })
  created!: boolean;
}
