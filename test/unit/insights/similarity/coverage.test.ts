import { describe, expect, it } from 'vitest';
import { type SimilarityCourse, sdgCoverage } from '../../../../subgraphs/insights/similarity/index.js';

const course = (
  id: number,
  agency: string,
  language: string | null,
  sdgs: number[],
  sourceKind: SimilarityCourse['sourceKind'] = 'LMS',
): SimilarityCourse => ({
  id: `${agency}:course:${id}`,
  agency,
  title: `Course ${id}`,
  summary: null,
  language,
  sdgs,
  sourceKind,
});

describe('SDG coverage', () => {
  const catalogue = [
    course(1, 'who', 'en', [3]),
    course(2, 'who', 'fr-CA', [3, 5]),
    course(3, 'unicef', 'en', [3]),
    course(4, 'oer', 'zh', [4], 'OER'),
    course(5, 'coursera', 'es', [4, 4], 'EXTERNAL'),
    course(6, 'ilo', null, [8]),
    course(7, 'ilo', 'en', [99, 0]),
  ];

  it('counts courses per goal, by agency, source kind and language; a course counts once per goal', () => {
    const { goals } = sdgCoverage(catalogue);
    expect(goals).toHaveLength(17);
    expect(goals.map((g) => g.sdg)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(goals[2]).toEqual({
      sdg: 3,
      courseCount: 3,
      agencies: [
        { agency: 'who', courseCount: 2 },
        { agency: 'unicef', courseCount: 1 },
      ],
      sourceKinds: [{ sourceKind: 'LMS', courseCount: 3 }],
      languages: [
        { language: 'en', courseCount: 2 },
        { language: 'fr', courseCount: 1 },
      ],
    });
    expect(goals[3]).toMatchObject({
      courseCount: 2,
      sourceKinds: [
        { sourceKind: 'EXTERNAL', courseCount: 1 },
        { sourceKind: 'OER', courseCount: 1 },
      ],
    });
    expect(goals[7]?.languages).toEqual([{ language: 'und', courseCount: 1 }]);
    expect(goals[0]).toEqual({ sdg: 1, courseCount: 0, agencies: [], sourceKinds: [], languages: [] });
  });

  it('lists, per language, the goals with no course in it', () => {
    const { gaps } = sdgCoverage(catalogue, ['fr', 'ar', 'en-GB']);
    const all = Array.from({ length: 17 }, (_, i) => i + 1);
    expect(gaps).toEqual([
      { language: 'fr', goalsWithoutCourse: all.filter((g) => g !== 3 && g !== 5) },
      { language: 'ar', goalsWithoutCourse: all },
      { language: 'en', goalsWithoutCourse: all.filter((g) => g !== 3) },
    ]);
    expect(sdgCoverage(catalogue).gaps.map((g) => g.language)).toEqual(['en', 'fr', 'es', 'ar', 'zh', 'ru']);
  });
});
