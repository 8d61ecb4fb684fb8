import { Directive, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { type SourceKind, SourceKindEnum } from '../../schema/model/enums.js';

/** The curriculum's side of `Course`: its near-duplicates (the learning contract owns everything else). */
@Directive('@key(fields: "id")')
@ObjectType('Course', { description: 'A course, curriculum or other learning object in an agency catalogue.' })
export class CurriculumCourse {
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'A course likely to cover the same content as another, and how similar the two are.' })
export class SimilarCourse {
  @Field(() => CurriculumCourse, {
    nullable: true,
    description: 'The similar course; null when its agency cannot be read right now (`courseId` stays).',
  })
  course!: CurriculumCourse | null;
  @Field(() => ID) courseId!: string;
  @Field(() => String, { description: 'Code of the agency holding it.' }) agency!: string;
  @Field(() => Float, {
    description:
      'Cosine similarity of the two courses, 0–1; from 0.55 (the duplicate threshold) likely the same content.',
  })
  score!: number;
  @Field(() => Boolean, {
    description: 'The two are in different languages (the score rests on the multilingual lexicon and cognates).',
  })
  crossLanguage!: boolean;
}

@ObjectType({ description: 'Courses of several agencies likely to cover the same content.' })
export class DuplicateCluster {
  @Field(() => ID, { description: 'Stable while its members are: the smallest member id.' }) id!: string;
  @Field(() => [ID]) courseIds!: string[];
  @Field(() => [CurriculumCourse], {
    nullable: 'items',
    description: 'The courses, in `courseIds` order; an item is null when its agency cannot be read right now.',
  })
  courses!: CurriculumCourse[];
  @Field(() => [String], { description: 'Codes of the agencies holding them.' }) agencies!: string[];
  @Field(() => [String], { description: 'Their languages (BCP 47 as the sources give them; `und` when unknown).' })
  languages!: string[];
  @Field(() => [Int], { description: 'Goals any of them serves.' }) sdgs!: number[];
  @Field(() => Float, { description: 'Mean similarity of the pairs in the group (unlinked pairs count 0).' })
  score!: number;
  @Field(() => Float, { description: 'The weakest pair in the group.' }) minLink!: number;
}

@ObjectType({ description: 'Groups of likely duplicates, strongest first.' })
export class DuplicateClusterList {
  @Field(() => Date, { nullable: true, description: 'When the index was last refreshed; null before the first.' })
  asOf!: Date | null;
  @Field(() => Int, { description: 'Groups matching the filter (the list holds the first `first`).' })
  totalCount!: number;
  @Field(() => [DuplicateCluster]) clusters!: DuplicateCluster[];
}

@InputType({ description: 'Which duplicate groups to list.' })
export class DuplicateClusterFilter {
  @Field(() => [Int], { nullable: true, description: 'Groups with a course on any of these goals (1–17).' })
  sdgs?: number[] | null;
  @Field(() => [String], {
    nullable: true,
    description: 'Groups with a course in any of these languages (`fr` also matches `fr-CA`).',
  })
  languages?: string[] | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Least mean similarity of a group, from the duplicate threshold (0.55) up to 1. @default 0.55',
  })
  minScore?: number | null;
}

@ObjectType({ description: 'How many courses of one agency serve a goal.' })
export class AgencyCourseCount {
  @Field(() => String) agency!: string;
  @Field(() => Int) courseCount!: number;
}

@ObjectType({ description: 'How many courses of one family of source serve a goal.' })
export class SourceKindCourseCount {
  @Field(() => SourceKindEnum) sourceKind!: SourceKind;
  @Field(() => Int) courseCount!: number;
}

@ObjectType({ description: 'How many courses in one language serve a goal.' })
export class LanguageCourseCount {
  @Field(() => String, { description: 'Primary language subtag (`fr` for `fr-CA`); `und` when unknown.' })
  language!: string;
  @Field(() => Int) courseCount!: number;
}

@ObjectType({ description: 'How one Sustainable Development Goal is covered by the catalogue.' })
export class GoalCoverage {
  @Field(() => Int) sdg!: number;
  @Field(() => Int, { description: 'Courses serving it (a course on several goals counts for each).' })
  courseCount!: number;
  @Field(() => [AgencyCourseCount], { description: 'Per agency, most first.' }) agencies!: AgencyCourseCount[];
  @Field(() => [SourceKindCourseCount]) sourceKinds!: SourceKindCourseCount[];
  @Field(() => [LanguageCourseCount]) languages!: LanguageCourseCount[];
}

@ObjectType({ description: 'The goals with no course in one language.' })
export class LanguageGap {
  @Field(() => String) language!: string;
  @Field(() => [Int]) goalsWithoutCourse!: number[];
}

@ObjectType({ description: 'SDG coverage of the public catalogue: the input to a joint-curriculum decision.' })
export class SdgCoverage {
  @Field(() => Date, { nullable: true, description: 'When the index was last refreshed; null before the first.' })
  asOf!: Date | null;
  @Field(() => Int, { description: 'Courses in the index.' }) courseCount!: number;
  @Field(() => [GoalCoverage], { description: 'Goals 1–17 in order, those with no course included.' })
  goals!: GoalCoverage[];
  @Field(() => [LanguageGap], {
    description: 'For the language asked for (default: the six UN languages), the goals with no course in it.',
  })
  gaps!: LanguageGap[];
}

@ObjectType({ description: "One agency's catalogue as the curriculum index holds it." })
export class CurriculumAgency {
  @Field(() => String) code!: string;
  @Field(() => Int) courseCount!: number;
  @Field(() => String, { nullable: true, description: 'Fingerprint of the catalogue indexed; equal means unchanged.' })
  fingerprint!: string | null;
  @Field(() => Date, { nullable: true, description: 'Last read whole.' }) readAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'Last re-indexed (its catalogue had changed).' })
  indexedAt!: Date | null;
  @Field(() => Int, { description: 'Re-indexings since the curriculum started.' }) reindexCount!: number;
  @Field(() => Boolean, { description: 'The last read succeeded (else its last indexed courses stay).' })
  readable!: boolean;
}

@ObjectType({ description: 'The state of the curriculum index: what it holds and how fresh it is.' })
export class CurriculumStatus {
  @Field(() => Date, { nullable: true }) asOf!: Date | null;
  @Field(() => Int) courseCount!: number;
  @Field(() => Int, { description: 'Refreshes since the curriculum started.' }) refreshes!: number;
  @Field(() => Float, { description: 'Pairs from this score up are likely duplicates.' }) duplicateThreshold!: number;
  @Field(() => [CurriculumAgency]) agencies!: CurriculumAgency[];
}
