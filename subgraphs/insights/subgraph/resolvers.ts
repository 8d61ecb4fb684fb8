import { Arg, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { requiresAnyRole } from '../../../schema/authorization.js';
import { badUserInput } from '../../../schema/errors.js';
import { parseGlobalId } from '../../../schema/globalId.js';
import type { KpiFilter as EngineFilter } from '../answer/engine.js';
import { type Kpis, suppressKpis } from '../answer/kpis.js';
import { KPI_READERS, readableAgencies, seesInFull } from './access.js';
import type { InsightsContext } from './context.js';
import {
  type AgencySnapshot,
  CourseRating,
  HarvestedLearningStats,
  HarvestFreshness,
  KpiBreakdown,
  KpiFilter,
  type KpiValues,
  LearningBreakdown,
  RatedCourse,
} from './model.js';

const READERS = requiresAnyRole(...KPI_READERS);

function engineFilter(filter: KpiFilter | undefined, agencies: string[] | undefined): EngineFilter {
  const f = filter ?? {};
  for (const [from, to, name] of [
    [f.enrolledFrom, f.enrolledTo, 'enrolled'],
    [f.completedFrom, f.completedTo, 'completed'],
  ] as const) {
    if (from && to && from > to) throw badUserInput(`\`${name}From\` is after \`${name}To\`.`);
  }
  if (f.sdgs?.some((s) => !Number.isInteger(s) || s < 1 || s > 17)) {
    throw badUserInput('`sdgs` are goal numbers 1–17.');
  }
  return {
    agencies,
    sdgs: f.sdgs,
    enrolledFrom: f.enrolledFrom,
    enrolledTo: f.enrolledTo,
    completedFrom: f.completedFrom,
    completedTo: f.completedTo,
  };
}

function values(kpis: Kpis, courses: number | null, full: boolean, threshold: number): KpiValues {
  const shown = full ? kpis : suppressKpis(kpis, threshold).kpis;
  return { ...shown, courses };
}

export function rating(sum: number, responses: number, full: boolean, threshold: number): CourseRating {
  if (responses === 0) return { average: null, responses: 0 };
  if (!full && responses < threshold) return { average: null, responses: null };
  return { average: Math.round((sum / responses) * 100) / 100, responses };
}

const snapshots = (coverage: readonly { agency: string; asOf: Date }[]): AgencySnapshot[] =>
  coverage.map((c) => ({ agency: { code: c.agency }, code: c.agency, asOf: c.asOf }));

@Resolver(() => HarvestedLearningStats)
export class InsightsQueryResolver {
  @Directive(READERS)
  @Query(() => HarvestedLearningStats, {
    description:
      'System-wide learning KPIs from the latest harvested snapshots, with when each agency was harvested. Analysts and registry admins: every agency; agency managers: their own.',
  })
  async learningStats(
    @Ctx() ctx: InsightsContext,
    @Arg('filter', () => KpiFilter, { nullable: true }) filter?: KpiFilter,
  ): Promise<HarvestedLearningStats> {
    const agencies = readableAgencies(ctx.access, filter?.agencies);
    const answer = await ctx.engine.stats(engineFilter(filter, agencies));
    const covered = answer.coverage.map((c) => c.agency);
    const ratings = await ctx.store.ratings(undefined);
    const ratingOf = new Map(ratings.map((r) => [r.agency, r]));
    const inScope = ratings.filter((r) => covered.includes(r.agency));
    const asOf = new Map(answer.coverage.map((c) => [c.agency, c.asOf]));
    const full = seesInFull(ctx.access, covered);
    return {
      kpis: values(answer.kpis, answer.courses, full, ctx.threshold),
      sdgsCovered: answer.sdgsCovered,
      agencies: covered.map((code) => ({ code })),
      asOf: snapshots(answer.coverage),
      missingAgencies: [...answer.missing],
      perAgency: answer.perAgency.map((row) => {
        const own = seesInFull(ctx.access, [row.key]);
        const r = ratingOf.get(row.key);
        return {
          agency: { code: row.key },
          code: row.key,
          asOf: asOf.get(row.key) as Date,
          kpis: values(row.kpis, row.courses, own, ctx.threshold),
          rating: rating(r?.sum ?? 0, r?.responses ?? 0, own, ctx.threshold),
        };
      }),
      rating: rating(
        inScope.reduce((n, r) => n + r.sum, 0),
        inScope.reduce((n, r) => n + r.responses, 0),
        full,
        ctx.threshold,
      ),
      live: false,
    };
  }

  @Directive(READERS)
  @Query(() => LearningBreakdown, {
    description: 'Harvested learning KPIs grouped by agency, SDG, course format, language, month or quarter.',
  })
  async learningBreakdown(
    @Ctx() ctx: InsightsContext,
    @Arg('by', () => KpiBreakdown) by: KpiBreakdown,
    @Arg('filter', () => KpiFilter, { nullable: true }) filter?: KpiFilter,
  ): Promise<LearningBreakdown> {
    const agencies = readableAgencies(ctx.access, filter?.agencies);
    const answer = await ctx.engine.breakdown(by, engineFilter(filter, agencies));
    const covered = answer.coverage.map((c) => c.agency);
    return {
      by,
      rows: answer.rows.map((row) => ({
        key: row.key,
        kpis: values(
          row.kpis,
          row.courses,
          seesInFull(ctx.access, by === KpiBreakdown.AGENCY ? [row.key] : covered),
          ctx.threshold,
        ),
      })),
      asOf: snapshots(answer.coverage),
      missingAgencies: answer.missing,
    };
  }

  @Directive(READERS)
  @Query(() => [HarvestFreshness], { description: "Each agency's harvest: last success, duration, items, lag." })
  async harvestFreshness(@Ctx() ctx: InsightsContext): Promise<HarvestFreshness[]> {
    const agencies = readableAgencies(ctx.access, undefined);
    const now = ctx.now().getTime();
    return (await ctx.store.states(agencies)).map((s) => ({
      code: s.agency,
      lastSuccessAt: s.lastSuccessAt,
      lagSeconds: s.lastSuccessAt ? Math.round((now - s.lastSuccessAt.getTime()) / 1000) : null,
      durationMs: s.lastDurationMs,
      items: s.lastItems,
      running: s.runId !== null,
      lastError: s.lastError,
    }));
  }
}

@Resolver(() => RatedCourse)
export class RatedCourseResolver {
  @FieldResolver(() => CourseRating, {
    description: "Learners' average rating (1–5) from the LMS's course feedback, harvested; null under the threshold.",
  })
  async rating(@Root() course: RatedCourse, @Ctx() ctx: InsightsContext): Promise<CourseRating> {
    const parsed = parseGlobalId(course.id);
    if (!parsed) return { average: null, responses: 0 };
    const [row] = await ctx.store.ratings(parsed.agency, [parsed.localId]);
    return rating(row?.sum ?? 0, row?.responses ?? 0, seesInFull(ctx.access, [parsed.agency]), ctx.threshold);
  }
}
