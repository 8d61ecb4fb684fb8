import type { SimilarityCourse, SourceKind } from './types.js';

/** How one goal is covered by the catalogue. */
export interface GoalCoverage {
  readonly sdg: number;
  readonly courseCount: number;
  /** Courses per agency, most first. */
  readonly agencies: readonly { readonly agency: string; readonly courseCount: number }[];
  readonly sourceKinds: readonly { readonly sourceKind: SourceKind; readonly courseCount: number }[];
  /** Courses per language (primary BCP 47 subtag; `und` when unknown). */
  readonly languages: readonly { readonly language: string; readonly courseCount: number }[];
}

export interface SdgCoverage {
  /** Goals 1–17, in order, including those with no course. */
  readonly goals: readonly GoalCoverage[];
  /** Per language asked for: the goals with no course in it. */
  readonly gaps: readonly { readonly language: string; readonly goalsWithoutCourse: readonly number[] }[];
}

const GOALS = Array.from({ length: 17 }, (_, i) => i + 1);

/** Primary language subtag, so that `fr-CA` counts for `fr`. */
export const primaryLanguage = (tag: string | null) => (tag ? (tag.toLowerCase().split('-')[0] ?? 'und') : 'und');

/** Entries by count, most first, ties by key. */
function ranked<K extends string>(counts: Map<K, number>): [K, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function bump<K>(map: Map<K, number>, key: K): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * SDG coverage of a catalogue: per goal, how many courses, from which agencies and source kinds, in which
 * languages; and, for each language in `languages` (default: the six UN languages), which goals have no
 * course in it — the input to a joint-curriculum decision. A course on several goals counts for each.
 */
export function sdgCoverage(
  courses: Iterable<SimilarityCourse>,
  languages: readonly string[] = ['en', 'fr', 'es', 'ar', 'zh', 'ru'],
): SdgCoverage {
  const perGoal = new Map(
    GOALS.map((sdg) => [
      sdg,
      {
        count: 0,
        agencies: new Map<string, number>(),
        kinds: new Map<SourceKind, number>(),
        languages: new Map<string, number>(),
      },
    ]),
  );
  for (const course of courses) {
    for (const sdg of new Set(course.sdgs)) {
      const goal = perGoal.get(sdg);
      if (!goal) continue;
      goal.count += 1;
      bump(goal.agencies, course.agency);
      bump(goal.kinds, course.sourceKind);
      bump(goal.languages, primaryLanguage(course.language));
    }
  }
  const goals = GOALS.map((sdg) => {
    const goal = perGoal.get(sdg)!;
    return {
      sdg,
      courseCount: goal.count,
      agencies: ranked(goal.agencies).map(([agency, courseCount]) => ({ agency, courseCount })),
      sourceKinds: ranked(goal.kinds).map(([sourceKind, courseCount]) => ({ sourceKind, courseCount })),
      languages: ranked(goal.languages).map(([language, courseCount]) => ({ language, courseCount })),
    };
  });
  const gaps = languages.map((tag) => {
    const language = primaryLanguage(tag);
    return {
      language,
      goalsWithoutCourse: GOALS.filter((sdg) => !perGoal.get(sdg)?.languages.has(language)),
    };
  });
  return { goals, gaps };
}
