import { Field, ID, InputType, Int } from 'type-graphql';
import {
  CourseOrderField,
  CredentialKind,
  CredentialOrderField,
  CurationStatus,
  EnrollmentOrderField,
  EnrollmentStatus,
  OrderDirection,
  type SourceKind,
  SourceKindEnum,
} from './enums.js';
import { DateTime } from './scalars.js';

@InputType({ description: 'Finds the accounts of one person: by UN index number, else by e-mail.' })
export class LearnerMatch {
  @Field(() => String, { nullable: true })
  indexNumber?: string;

  @Field(() => String, { nullable: true })
  email?: string;
}

@InputType()
export class CourseFilter {
  @Field(() => [String], { nullable: true, description: 'Only these agencies (codes); default: all active.' })
  agencies?: string[];

  @Field(() => String, { nullable: true, description: 'Words that must all appear in title, summary or topics.' })
  text?: string;

  @Field(() => [Int], { nullable: true, description: 'Courses serving any of these SDGs (1–17).' })
  sdgs?: number[];

  @Field(() => [String], { nullable: true, description: 'BCP 47 language tags; `fr` also matches `fr-CA`.' })
  languages?: string[];

  @Field(() => DateTime, { nullable: true })
  updatedSince?: Date;

  @Field(() => [SourceKindEnum], { nullable: true, description: 'Only courses from these families of source.' })
  sourceKinds?: SourceKind[];

  @Field(() => String, {
    nullable: true,
    description:
      'A licence URI (exact licence), a Creative Commons code (by, by-sa, by-nc, by-nd, by-nc-sa, by-nc-nd, cc0: any version), or `cc` (any Creative Commons licence).',
  })
  licence?: string;

  @Field(() => CurationStatus, {
    nullable: true,
    description:
      "Only courses whose curation record has this status (the registry's curation; resolved by the gateway on Query.courses).",
  })
  curation?: CurationStatus;

  @Field(() => [ID], {
    nullable: true,
    description: 'Only these courses (global ids). The gateway also uses it to answer `curation`.',
  })
  ids?: string[];
}

@InputType()
export class CourseOrder {
  @Field(() => CourseOrderField)
  field!: CourseOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@InputType({ description: 'Enrolments of one person (learner) or of one course (courseId).' })
export class EnrollmentFilter {
  @Field(() => [String], { nullable: true })
  agencies?: string[];

  @Field(() => LearnerMatch, { nullable: true })
  learner?: LearnerMatch;

  @Field(() => String, { nullable: true, description: 'Global course id; the query goes to its agency only.' })
  courseId?: string;

  @Field(() => [EnrollmentStatus], { nullable: true })
  statuses?: EnrollmentStatus[];

  @Field(() => DateTime, { nullable: true })
  enrolledFrom?: Date;

  @Field(() => DateTime, { nullable: true })
  enrolledTo?: Date;

  @Field(() => DateTime, { nullable: true })
  completedFrom?: Date;

  @Field(() => DateTime, { nullable: true })
  completedTo?: Date;
}

@InputType()
export class EnrollmentOrder {
  @Field(() => EnrollmentOrderField)
  field!: EnrollmentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@InputType()
export class CredentialFilter {
  @Field(() => [String], { nullable: true })
  agencies?: string[];

  @Field(() => LearnerMatch)
  learner!: LearnerMatch;

  @Field(() => [CredentialKind], { nullable: true })
  kinds?: CredentialKind[];

  @Field(() => DateTime, { nullable: true })
  issuedFrom?: Date;

  @Field(() => DateTime, { nullable: true })
  issuedTo?: Date;
}

@InputType()
export class CredentialOrder {
  @Field(() => CredentialOrderField)
  field!: CredentialOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction!: OrderDirection;
}

@InputType({ description: 'Scope of learningStats; enrolment counts use the enrolment date window.' })
export class StatsFilter {
  @Field(() => [String], { nullable: true })
  agencies?: string[];

  @Field(() => [Int], { nullable: true, description: 'Only courses serving any of these SDGs.' })
  sdgs?: number[];

  @Field(() => DateTime, { nullable: true })
  from?: Date;

  @Field(() => DateTime, { nullable: true })
  to?: Date;
}
