import { describe, expect, it } from 'vitest';
import { type SimilarityCourse, SimilarityIndex } from '../../../../subgraphs/insights/similarity/index.js';
import { evaluationCorpus } from '../../../support/similarityCorpus.js';

const course = (
  id: string,
  agency: string,
  language: string,
  title: string,
  summary: string,
  sdgs: number[] = [13],
): SimilarityCourse => ({
  id: `${agency}:course:${id}`,
  agency,
  title,
  summary,
  language,
  sdgs,
  sourceKind: 'LMS',
});

const membership = (index: SimilarityIndex) =>
  index
    .duplicateClusters()
    .map((c) => c.courseIds.join(','))
    .sort();

describe('SimilarityIndex: API', () => {
  const climate = [
    course(
      '1',
      'who',
      'en',
      'Introduction to climate change',
      'Learn the science of climate change and how countries act on it.',
    ),
    course(
      '2',
      'unep',
      'fr',
      'Introduction au changement climatique',
      'Découvrez la science du changement climatique et l’action des pays.',
    ),
    course(
      '3',
      'who',
      'es',
      'Introducción al cambio climático',
      'Aprenda la ciencia del cambio climático y cómo actúan los países.',
    ),
    course(
      '4',
      'unfccc',
      'en',
      'Climate finance for negotiators',
      'How climate finance flows are negotiated and accessed by developing countries.',
    ),
    course(
      '5',
      'ilo',
      'en',
      'Gender equality at work',
      'Promote gender equality and prevent discrimination at work.',
      [5],
    ),
  ];

  it('answers similarCourses best first, other agencies only by default, with the cross-language flag', () => {
    const index = new SimilarityIndex();
    index.upsert(climate);
    const similar = index.similarCourses('who:course:1') ?? [];
    expect(similar.every((s) => s.agency !== 'who')).toBe(true);
    expect(similar[0]).toMatchObject({ courseId: 'unep:course:2', agency: 'unep', crossLanguage: true });
    expect(similar[0]!.score).toBeGreaterThan(0.55);
    for (let i = 1; i < similar.length; i += 1) expect(similar[i]!.score).toBeLessThanOrEqual(similar[i - 1]!.score);
    const withOwn = index.similarCourses('who:course:1', { includeSameAgency: true }) ?? [];
    expect(withOwn.map((s) => s.courseId)).toContain('who:course:3');
    expect(index.similarCourses('who:course:404')).toBeNull();
    expect(index.similarCourses('who:course:1', { minScore: 0.99 })).toEqual([]);
  });

  it('clusters across agencies only, and filters clusters by SDG', () => {
    const index = new SimilarityIndex();
    index.upsert(climate);
    const clusters = index.duplicateClusters();
    expect(clusters.map((c) => c.courseIds)).toEqual([['unep:course:2', 'who:course:1', 'who:course:3']]);
    const [cluster] = clusters;
    expect(cluster).toMatchObject({
      id: 'unep:course:2',
      agencies: ['unep', 'who'],
      languages: ['en', 'es', 'fr'],
      sdgs: [13],
    });
    expect(cluster!.score).toBeGreaterThanOrEqual(index.duplicateThreshold);
    expect(cluster!.minLink).toBeGreaterThanOrEqual(index.duplicateThreshold);
    expect(index.duplicateClusters({ sdgs: [13, 6] })).toHaveLength(1);
    expect(index.duplicateClusters({ sdgs: [5] })).toEqual([]);
    expect(index.duplicateClusters({ minScore: 0.999 })).toEqual([]);
  });

  it('links same-agency courses when asked to', () => {
    const index = new SimilarityIndex({ crossAgencyOnly: false });
    index.upsert(climate);
    expect(index.duplicateClusters()[0]?.courseIds).toEqual(['unep:course:2', 'who:course:1', 'who:course:3']);
    expect(index.similarCourses('who:course:1')?.map((s) => s.courseId)).toContain('who:course:3');
  });

  it('reads an undeclared language from the script, and scores an empty text as unlike anything', () => {
    const index = new SimilarityIndex();
    index.upsert([
      course('1', 'who', 'ru', 'Введение в изменение климата', 'Изучите науку об изменении климата.'),
      {
        ...course('2', 'unep', 'ru', 'Введение в изменение климата', 'Изучите науку об изменении климата.'),
        language: null,
      },
      course('3', 'fao', 'en', '', ''),
    ]);
    expect(index.similarCourses('who:course:1')?.[0]).toMatchObject({
      courseId: 'unep:course:2',
      score: 1,
      crossLanguage: false,
    });
    expect(index.similarCourses('fao:course:3')).toEqual([]);
  });
});

describe('SimilarityIndex: incremental refresh', () => {
  it('reaches the same clusters by updates as by a full build', () => {
    const corpus = evaluationCorpus();
    const full = new SimilarityIndex();
    full.upsert(corpus);
    const incremental = new SimilarityIndex();
    const late = corpus.filter((_, i) => i % 12 === 5);
    incremental.upsert(corpus.filter((c) => !late.includes(c)));
    const rebuilds = incremental.stats().rebuilds;
    for (const one of late) incremental.upsert([one]);
    expect(incremental.stats().rebuilds).toBe(rebuilds);
    expect(membership(incremental)).toEqual(membership(full));
  });

  it('scores an update against its candidates only, not the whole catalogue', () => {
    const corpus = evaluationCorpus();
    const index = new SimilarityIndex();
    index.upsert(corpus);
    const before = index.stats().pairsScored;
    const changed = corpus.find((c) => c.title === 'Introduction to climate change')!;
    index.upsert([{ ...changed, summary: `${changed.summary} Updated for 2026.` }]);
    const scored = index.stats().pairsScored - before;
    expect(scored).toBeGreaterThan(0);
    expect(scored).toBeLessThan(corpus.length / 2);
  });

  it('moves a course out of its cluster when its content changes, and drops it when removed', () => {
    const corpus = evaluationCorpus();
    const index = new SimilarityIndex();
    index.upsert(corpus);
    const psea = corpus.filter((c) => c.group === 'psea');
    const clusterOf = (id: string) => index.duplicateClusters().find((c) => c.courseIds.includes(id));
    expect(clusterOf(psea[0]!.id)?.courseIds).toHaveLength(3);

    index.upsert([
      {
        ...psea[0]!,
        title: 'Road safety for drivers',
        summary: 'Defensive driving and vehicle checks for field staff.',
      },
    ]);
    expect(clusterOf(psea[0]!.id)).toBeUndefined();
    expect(clusterOf(psea[1]!.id)?.courseIds).toHaveLength(2);

    index.remove([psea[1]!.id]);
    expect(clusterOf(psea[2]!.id)).toBeUndefined();
    expect(index.course(psea[1]!.id)).toBeUndefined();
    expect(index.size).toBe(corpus.length - 1);
  });

  it('rebuilds its IDF once the catalogue has drifted past rebuildDrift', () => {
    const corpus = evaluationCorpus();
    const index = new SimilarityIndex({ rebuildDrift: 0.1 });
    index.upsert(corpus.slice(0, 60));
    const rebuilds = index.stats().rebuilds;
    for (const one of corpus.slice(60, 65)) index.upsert([one]);
    expect(index.stats().rebuilds).toBe(rebuilds);
    for (const one of corpus.slice(65, 75)) index.upsert([one]);
    expect(index.stats().rebuilds).toBeGreaterThan(rebuilds);
  });
});
