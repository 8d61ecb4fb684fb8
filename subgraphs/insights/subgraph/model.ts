import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTime } from '../../../schema/model/scalars.js';

export enum KpiBreakdown {
  AGENCY = 'AGENCY',
  SDG = 'SDG',
  FORMAT = 'FORMAT',
  LANGUAGE = 'LANGUAGE',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}
registerEnumType(KpiBreakdown, { name: 'KpiBreakdown', description: 'What learningBreakdown groups by.' });

/** The learning subgraph's Agency, referenced by its key (it owns every field). */
@Directive('@key(fields: "code", resolvable: false)')
@ObjectType('Agency')
export class AgencyRef {
  @Field(() => String) code!: string;
}

@InputType({
  description:
    'Scope of the harvested KPIs. Windows select enrolments by their enrolment and completion dates (inclusive); credentials by issue date within the completion window.',
})
export class KpiFilter {
  @Field(() => [String], { nullable: true }) agencies?: string[];
  @Field(() => [Int], { nullable: true, description: 'Only courses serving any of these SDGs.' }) sdgs?: number[];
  @Field(() => DateTime, { nullable: true }) enrolledFrom?: Date;
  @Field(() => DateTime, { nullable: true }) enrolledTo?: Date;
  @Field(() => DateTime, { nullable: true }) completedFrom?: Date;
  @Field(() => DateTime, { nullable: true }) completedTo?: Date;
}

@ObjectType({
  description:
    'Learning KPIs over harvested snapshots (README "Learning KPIs" defines each). Counts of people under the disclosure threshold are null, with what is computed from them.',
})
export class KpiValues {
  @Field(() => Int, { nullable: true, description: 'Enrolments in scope.' }) enrolments!: number | null;
  @Field(() => Int, { nullable: true, description: 'Enrolments completed (dated in the completion window).' })
  completions!: number | null;
  @Field(() => Float, { nullable: true, description: 'Completed enrolments / enrolments (ratio of sums).' })
  completionRate!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Median whole days from enrolment to completion (365: a year or more).',
  })
  medianDaysToCompletion!: number | null;
  @Field(() => Float, { nullable: true, description: "Sum of completed courses' durations, in hours." })
  learningHoursCompleted!: number | null;
  @Field(() => Int, { nullable: true, description: 'Learner accounts with an enrolment (one per agency account).' })
  learners!: number | null;
  @Field(() => Int, { nullable: true, description: 'Learner accounts with at least one completion.' })
  learnersWithCompletion!: number | null;
  @Field(() => Float, { nullable: true, description: 'learnersWithCompletion / learners in scope (all dates).' })
  staffCompletionShare!: number | null;
  @Field(() => Int, { nullable: true }) inProgress!: number | null;
  @Field(() => Int, { nullable: true }) failed!: number | null;
  @Field(() => Int, { nullable: true }) withdrawn!: number | null;
  @Field(() => Int, { nullable: true, description: 'Credentials issued (badges, certificates).' })
  credentialsIssued!: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Recognitions of external learning recorded in the agencies (registry, issue 14), by recording date.',
  })
  recognisedCount!: number | null;
  @Field(() => Float, { nullable: true, description: 'Hours credited by those recognitions (where known).' })
  recognisedHours!: number | null;
  @Field(() => Int, { nullable: true, description: 'Courses in scope (not about people: never withheld).' })
  courses!: number | null;
}

@ObjectType({ description: 'When the snapshot of one agency the figures come from was taken.' })
export class AgencySnapshot {
  @Field(() => AgencyRef) agency!: AgencyRef;
  @Field(() => String) code!: string;
  @Field(() => Date) asOf!: Date;
}

@ObjectType({ description: 'Average learner rating (1–5) of courses and how many answered; null under the threshold.' })
export class CourseRating {
  @Field(() => Float, { nullable: true }) average!: number | null;
  @Field(() => Int, { nullable: true }) responses!: number | null;
}

@ObjectType({ description: 'One agency in a system-wide answer.' })
export class AgencyKpis {
  @Field(() => AgencyRef) agency!: AgencyRef;
  @Field(() => String) code!: string;
  @Field(() => Date) asOf!: Date;
  @Field(() => KpiValues) kpis!: KpiValues;
  @Field(() => CourseRating, { description: "Learners' ratings of the agency's courses." }) rating!: CourseRating;
}

@ObjectType({
  description:
    'System-wide learning KPIs from the latest harvested snapshots (not live: see `asOf`). `liveLearningStats` asks the LMSs now.',
})
export class HarvestedLearningStats {
  @Field(() => KpiValues) kpis!: KpiValues;
  @Field(() => Int, { description: 'Sustainable Development Goals with at least one course in scope.' })
  sdgsCovered!: number;
  @Field(() => [AgencyRef], { description: 'The agencies these figures cover (those with a snapshot).' })
  agencies!: AgencyRef[];
  @Field(() => [AgencySnapshot], { description: 'When each covered agency was last harvested.' })
  asOf!: AgencySnapshot[];
  @Field(() => [String], { description: 'Agencies asked for that have no snapshot yet.' })
  missingAgencies!: string[];
  @Field(() => [AgencyKpis]) perAgency!: AgencyKpis[];
  @Field(() => CourseRating) rating!: CourseRating;
  @Field(() => Boolean, { description: 'Always false: harvested, not asked of the LMSs now.' }) live!: boolean;
}

@ObjectType({ description: 'One group of a breakdown: an agency, goal, format, language, month or quarter.' })
export class BreakdownRow {
  @Field(() => String, { description: 'Agency code, SDG number, format, language code, `YYYY-MM` or `YYYY-Qn`.' })
  key!: string;
  @Field(() => KpiValues) kpis!: KpiValues;
}

@ObjectType({ description: 'KPIs grouped by one dimension, from the latest harvested snapshots.' })
export class LearningBreakdown {
  @Field(() => KpiBreakdown) by!: KpiBreakdown;
  @Field(() => [BreakdownRow]) rows!: BreakdownRow[];
  @Field(() => [AgencySnapshot]) asOf!: AgencySnapshot[];
  @Field(() => [String]) missingAgencies!: string[];
}

@ObjectType({ description: "One agency's harvest: last success, duration, size and lag." })
export class HarvestFreshness {
  @Field(() => String) code!: string;
  @Field(() => Date, { nullable: true }) lastSuccessAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'Seconds since the last success.' }) lagSeconds!: number | null;
  @Field(() => Int, { nullable: true }) durationMs!: number | null;
  @Field(() => Int, { nullable: true, description: 'Records stored by the last run.' }) items!: number | null;
  @Field(() => Boolean, { description: 'A run is in progress or was interrupted (the next one resumes it).' })
  running!: boolean;
  @Field(() => String, { nullable: true }) lastError!: string | null;
}

/** The insights side of `Course`: its learners' rating. */
@Directive('@key(fields: "id")')
@ObjectType('Course', { description: 'A course, curriculum or other learning object in an agency catalogue.' })
export class RatedCourse {
  @Field(() => ID) id!: string;
}
