import { Arg, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { CurationStatus } from '../../../schema/model/enums.js';
import type { RegistryContext } from '../context.js';
import { RegisteredAgency } from '../model.js';
import { type AgencyView, agencyView } from '../views.js';
import { curatorOf } from './curator.js';
import { CuratedCourse, Curation, CurationCriterionType, RecordCurationInput } from './model.js';
import { CurationService } from './service.js';
import type { CurationRecord } from './store.js';
import { type CurationView, curationView } from './views.js';

/** Curators may write (the registry checks which courses); the gateway refuses everyone else first. */
const CURATORS = '@requiresScopes(scopes: [["AGENCY_MANAGER"], ["REGISTRY_ADMIN"]])';

const showReviewer = (ctx: RegistryContext) => ctx.access.principal.kind === 'user' || ctx.caller.kind === 'admin';

/** One read per owning agency per request, however many courses the gateway resolves at once. */
async function recordOf(ctx: RegistryContext, courseId: string): Promise<CurationRecord | undefined> {
  const agency = CurationService.ownerOf(courseId);
  ctx.memo.curationByAgency ??= new Map();
  let records = ctx.memo.curationByAgency.get(agency);
  if (!records) {
    records = ctx.curation.store.ofAgencies([agency]);
    ctx.memo.curationByAgency.set(agency, records);
  }
  return (await records).get(courseId);
}

@Resolver(() => Curation)
export class CurationResolver {
  @Query(() => [CurationCriterionType], { description: 'The criteria curators check courses against.' })
  curationCriteria(@Ctx() ctx: RegistryContext): CurationCriterionType[] {
    return ctx.curation.criteria.map((c) => ({ ...c }));
  }

  @Query(() => Curation, { nullable: true, description: "A course's curation record; null when it has none." })
  async curation(
    @Ctx() ctx: RegistryContext,
    @Arg('courseId', () => ID) courseId: string,
  ): Promise<CurationView | null> {
    const record = await recordOf(ctx, courseId);
    return record ? curationView(record, ctx.curation.criteria, showReviewer(ctx)) : null;
  }

  @Query(() => [ID], {
    description:
      'Ids of the courses whose curation is now in this status, sorted. Public: gateways follow it to answer `courses(filter: { curation })`.',
  })
  async curatedCourseIds(
    @Ctx() ctx: RegistryContext,
    @Arg('status', () => CurationStatus) status: CurationStatus,
  ): Promise<string[]> {
    return (await ctx.curation.idsByStatus())[status];
  }

  @Directive(CURATORS)
  @Mutation(() => Curation, {
    description:
      'Records a review of a course (kept in its history). Curators only: a learning manager of an agency recommending the course, or a registry admin.',
  })
  async recordCuration(
    @Ctx() ctx: RegistryContext,
    @Arg('input', () => RecordCurationInput) input: RecordCurationInput,
  ): Promise<CurationView> {
    const curator = curatorOf(ctx.caller, ctx.access.principal);
    const record = await ctx.curation.review(curator, input);
    return curationView(record, ctx.curation.criteria, true);
  }

  @FieldResolver(() => [RegisteredAgency], { description: 'The agencies recommending the course now.' })
  async recommendedBy(@Root() curation: CurationView, @Ctx() ctx: RegistryContext): Promise<AgencyView[]> {
    const records = await Promise.all(curation.recommendedByCodes.map((code) => ctx.service.store.get(code)));
    return records.filter((r) => r !== undefined).map(agencyView);
  }
}

@Resolver(() => CuratedCourse)
export class CuratedCourseResolver {
  @FieldResolver(() => Curation, {
    nullable: true,
    description: "The course's curation record (the registry's curation); null when it has none.",
  })
  async curation(@Root() course: CuratedCourse, @Ctx() ctx: RegistryContext): Promise<CurationView | null> {
    const record = await recordOf(ctx, course.id).catch(() => undefined);
    return record ? curationView(record, ctx.curation.criteria, showReviewer(ctx)) : null;
  }
}
