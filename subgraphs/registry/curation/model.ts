import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { AUTHENTICATED } from '../../../schema/authorization.js';
import { CurationStatus } from '../../../schema/model/enums.js';

@ObjectType('CurationCriterion', { description: 'A criterion curators check courses against (JIU rec. 6).' })
export class CurationCriterionType {
  @Field(() => String, { description: 'Stable id, e.g. `quality`: what `criteriaMet` lists.' }) id!: string;
  @Field(() => String) description!: string;
}

@ObjectType({ description: 'One criterion of the configured set, and whether the course meets it.' })
export class CriterionCheck {
  @Field(() => String) id!: string;
  @Field(() => String) description!: string;
  @Field(() => Boolean) met!: boolean;
}

@ObjectType({ description: 'One review of a course: the curation it left, by whom and when.' })
export class CurationReview {
  @Field(() => CurationStatus) status!: CurationStatus;
  @Field(() => [String]) criteriaMet!: string[];
  @Field(() => [String], { description: 'Codes of the agencies recommending the course after this review.' })
  recommendedBy!: string[];
  @Directive(AUTHENTICATED)
  @Field(() => String, { nullable: true, description: 'Who reviewed (e-mail or subject); signed-in callers only.' })
  reviewer!: string | null;
  @Field(() => String, { nullable: true, description: 'The agency the reviewer curated for, if any.' })
  reviewerAgency!: string | null;
  @Field(() => Date) reviewedAt!: Date;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType({ description: "A course's curation record: its current state and every review that led to it." })
export class Curation {
  @Field(() => ID) courseId!: string;
  @Field(() => CurationStatus) status!: CurationStatus;
  @Field(() => [String], { description: 'Ids of the criteria the course meets.' }) criteriaMet!: string[];
  @Field(() => [CriterionCheck], { description: 'Every configured criterion, met or not.' })
  criteria!: CriterionCheck[];
  @Directive(AUTHENTICATED)
  @Field(() => String, { nullable: true, description: 'Who made the last review; signed-in callers only.' })
  reviewer!: string | null;
  @Field(() => String, { nullable: true }) reviewerAgency!: string | null;
  @Field(() => Date) reviewedAt!: Date;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => [CurationReview], { description: 'Every review, oldest first; the last is the current state.' })
  history!: CurationReview[];
}

/** The registry's side of `Course`: its curation (the learning contract owns everything else). */
@Directive('@key(fields: "id")')
@ObjectType('Course', { description: 'A course, curriculum or other learning object in an agency catalogue.' })
export class CuratedCourse {
  @Field(() => ID) id!: string;
}

@InputType({ description: 'A review of one course by a curator.' })
export class RecordCurationInput {
  @Field(() => ID) courseId!: string;
  @Field(() => CurationStatus) status!: CurationStatus;
  @Field(() => [String], { description: 'Ids of the criteria the course meets (see `curationCriteria`).' })
  criteriaMet!: string[];
  @Field(() => [String], {
    nullable: true,
    description:
      "Agencies recommending it after this review. Default: unchanged, plus the curator's own agency when RECOMMENDED, none when RETIRED.",
  })
  recommendedBy?: string[] | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}
