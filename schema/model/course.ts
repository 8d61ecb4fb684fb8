import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CostModel, CourseFormat, CourseVisibility, type SourceKind, SourceKindEnum } from './enums.js';
import { DateTime } from './scalars.js';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A course, curriculum or other learning object in an agency catalogue.' })
export class Course {
  @Field(() => ID, { description: 'Global id `<agency>:course:<localId>`.' })
  id!: string;

  @Field(() => String, { description: "The LMS's own key (short name, item code), for support staff." })
  sourceId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true, description: 'Plain-text summary (HTML removed).' })
  summary!: string | null;

  @Field(() => String, { nullable: true, description: 'BCP 47 language tag of the course content.' })
  language!: string | null;

  @Field(() => [Int], { description: 'Sustainable Development Goals the course serves, 1–17.' })
  sdgs!: number[];

  @Field(() => [String])
  topics!: string[];

  @Field(() => CourseFormat)
  format!: CourseFormat;

  @Field(() => Int, { nullable: true, description: 'Expected learning time in minutes.' })
  durationMinutes!: number | null;

  @Field(() => String, { nullable: true, description: 'Where a learner opens the course in the LMS.' })
  url!: string | null;

  @Field(() => DateTime, { nullable: true })
  startsAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  endsAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  updatedAt!: Date | null;

  @Field(() => CourseVisibility)
  visibility!: CourseVisibility;

  @Field(() => SourceKindEnum, {
    description:
      'Which family of source the course comes from: an agency LMS, an OER repository, an external platform.',
  })
  sourceKind!: SourceKind;

  @Field(() => String, {
    nullable: true,
    description:
      'Licence URI of openly licensed content (Creative Commons in canonical form); null when none is stated.',
  })
  licence!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Who offers the content when the source is not its author: a platform's partner institution, a publisher.",
  })
  provider!: string | null;

  @Field(() => CostModel, {
    nullable: true,
    description: 'How a learner pays for it; null when the source does not say.',
  })
  costModel!: CostModel | null;
}
