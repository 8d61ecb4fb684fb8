import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../schema/errors.js';
import { pageSizeProblem } from '../../schema/paging.js';
import { primaryLanguage, sdgCoverage } from '../insights/similarity/index.js';
import type { CurriculumIndex } from './curriculumIndex.js';
import {
  CurriculumCourse,
  CurriculumStatus,
  type DuplicateCluster,
  DuplicateClusterFilter,
  DuplicateClusterList,
  SdgCoverage,
  SimilarCourse,
} from './model.js';

/** Per-request state of the curriculum subgraph: the one index it answers from. */
export interface CurriculumContext {
  readonly index: CurriculumIndex;
}

/** The six official UN languages: the gaps `sdgCoverage` reports when no language is asked for. */
export const UN_LANGUAGES = ['en', 'fr', 'es', 'ar', 'zh', 'ru'] as const;

const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

function checkFirst(first: number): void {
  const problem = pageSizeProblem(first);
  if (problem) throw badUserInput(problem);
}

function checkScore(name: string, score: number, floor: number): void {
  if (!Number.isFinite(score) || score < floor || score > 1) {
    throw badUserInput(`\`${name}\` must be between ${floor} and 1; got ${score}.`);
  }
}

function checkLanguage(tag: string): string {
  if (!LANGUAGE_TAG.test(tag)) throw badUserInput(`\`${tag}\` is not a BCP 47 language tag (e.g. \`fr\`, \`es-419\`).`);
  return primaryLanguage(tag);
}

@Resolver(() => CurriculumCourse)
export class CurriculumCourseResolver {
  @FieldResolver(() => [SimilarCourse], {
    nullable: true,
    description:
      'Courses of other agencies most like this one (any language), best first; null when the course is not in the curriculum index (not public, or not read yet).',
  })
  similarCourses(
    @Root() course: CurriculumCourse,
    @Ctx() ctx: CurriculumContext,
    @Arg('first', () => Int, { defaultValue: 10 }) first: number,
    @Arg('minScore', () => Float, {
      defaultValue: 0.3,
      description: 'Least similarity, 0–1. From 0.55 (the duplicate threshold) likely the same content.',
    })
    minScore: number,
  ): SimilarCourse[] | null {
    checkFirst(first);
    checkScore('minScore', minScore, 0);
    const found = ctx.index.similarity.similarCourses(course.id, { limit: first, minScore });
    return found?.map((s) => ({ ...s, course: { id: s.courseId } })) ?? null;
  }
}

@Resolver()
export class CurriculumQueryResolver {
  @Query(() => DuplicateClusterList, {
    // Nullable: the curriculum being down must not null the agencies' root fields beside it.
    nullable: true,
    description:
      'Groups of courses of several agencies likely to cover the same content (in any languages), strongest first.',
  })
  duplicateClusters(
    @Ctx() ctx: CurriculumContext,
    @Arg('filter', () => DuplicateClusterFilter, { nullable: true }) filter?: DuplicateClusterFilter,
    @Arg('first', () => Int, { defaultValue: 20 }) first = 20,
  ): DuplicateClusterList {
    checkFirst(first);
    const similarity = ctx.index.similarity;
    const sdgs = filter?.sdgs ?? [];
    for (const sdg of sdgs)
      if (!Number.isInteger(sdg) || sdg < 1 || sdg > 17) throw badUserInput(`\`sdgs\` are 1–17; got ${sdg}.`);
    const minScore = filter?.minScore ?? similarity.duplicateThreshold;
    checkScore('minScore', minScore, similarity.duplicateThreshold);
    const languages = filter?.languages?.length ? new Set(filter.languages.map(checkLanguage)) : null;
    const clusters = similarity
      .duplicateClusters({ sdgs, minScore })
      .filter((c) => !languages || c.languages.some((l) => languages.has(primaryLanguage(l))));
    return {
      asOf: ctx.index.asOf,
      totalCount: clusters.length,
      clusters: clusters.slice(0, first).map(
        (c): DuplicateCluster => ({
          ...c,
          courseIds: [...c.courseIds],
          courses: c.courseIds.map((id) => ({ id })),
          agencies: [...c.agencies],
          languages: [...c.languages],
          sdgs: [...c.sdgs],
        }),
      ),
    };
  }

  @Query(() => SdgCoverage, {
    // Nullable: the curriculum being down must not null the agencies' root fields beside it.
    nullable: true,
    description:
      'Per goal, how many public courses, from which agencies, source kinds and languages; and which goals have no course in a language.',
  })
  sdgCoverage(
    @Ctx() ctx: CurriculumContext,
    @Arg('language', () => String, {
      nullable: true,
      description: 'The language whose gaps to report (BCP 47); default: the six UN languages.',
    })
    language?: string | null,
  ): SdgCoverage {
    const languages = language ? [checkLanguage(language)] : [...UN_LANGUAGES];
    const coverage = sdgCoverage(ctx.index.similarity.courses(), languages);
    return {
      asOf: ctx.index.asOf,
      courseCount: ctx.index.similarity.size,
      goals: coverage.goals.map((g) => ({
        ...g,
        agencies: [...g.agencies],
        sourceKinds: [...g.sourceKinds],
        languages: [...g.languages],
      })),
      gaps: coverage.gaps.map((g) => ({ language: g.language, goalsWithoutCourse: [...g.goalsWithoutCourse] })),
    };
  }

  @Query(() => CurriculumStatus, {
    nullable: true,
    description: 'What the curriculum index holds and how fresh it is.',
  })
  curriculumStatus(@Ctx() ctx: CurriculumContext): CurriculumStatus {
    return {
      asOf: ctx.index.asOf,
      courseCount: ctx.index.similarity.size,
      refreshes: ctx.index.refreshes,
      duplicateThreshold: ctx.index.similarity.duplicateThreshold,
      agencies: ctx.index.agencies().map(({ lastError, ...a }) => ({ ...a, readable: lastError === null })),
    };
  }
}
