import { beforeAll, describe, expect, it } from 'vitest';
import { SimilarityIndex } from '../../../../subgraphs/insights/similarity/index.js';
import { evaluationCorpus, type LabelledCourse, pairKey, truePairs } from '../../../support/similarityCorpus.js';

/**
 * Precision and recall on the seeded evaluation catalogue (test/support/similarityCorpus.ts): 8 topics
 * × 6 languages held by six agencies, 20 groups of reworded and/or translated near-duplicates, 17
 * deliberate non-duplicates on the same goals and themes. Floors are a little under the measured values
 * (README), so that a change that costs real quality fails here.
 */
const FLOORS = {
  clusters: { precision: 0.95, recall: 0.95 },
  similar: { precision: 0.95, recall: 0.95 },
  translations: { recall: 0.95 },
  nearDuplicates: { recall: 0.85 },
};

interface Measure {
  readonly precision: number;
  readonly recall: number;
  readonly predicted: number;
  readonly truePositives: number;
}

function measure(predicted: ReadonlySet<string>, truth: ReadonlySet<string>): Measure {
  const truePositives = [...predicted].filter((pair) => truth.has(pair)).length;
  return {
    precision: predicted.size === 0 ? 1 : truePositives / predicted.size,
    recall: truth.size === 0 ? 1 : truePositives / truth.size,
    predicted: predicted.size,
    truePositives,
  };
}

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

describe('near-duplicate detection: precision and recall on the seeded catalogue', () => {
  let corpus: LabelledCourse[];
  let byId: Map<string, LabelledCourse>;
  let truth: Set<string>;
  let index: SimilarityIndex;

  beforeAll(() => {
    corpus = evaluationCorpus();
    byId = new Map(corpus.map((c) => [c.id, c]));
    truth = truePairs(corpus);
    index = new SimilarityIndex();
    index.upsert(corpus);
  });

  const clusterPairs = () => {
    const pairs = new Set<string>();
    for (const cluster of index.duplicateClusters()) {
      for (const a of cluster.courseIds) {
        for (const b of cluster.courseIds) {
          if (a < b && byId.get(a)?.agency !== byId.get(b)?.agency) pairs.add(pairKey(a, b));
        }
      }
    }
    return pairs;
  };
  const similarPairs = () => {
    const pairs = new Set<string>();
    for (const course of corpus) {
      for (const similar of index.similarCourses(course.id, { minScore: index.duplicateThreshold, limit: 50 }) ?? []) {
        pairs.add(pairKey(course.id, similar.courseId));
      }
    }
    return pairs;
  };
  const subset = (pairs: ReadonlySet<string>, keep: (a: LabelledCourse, b: LabelledCourse) => boolean) =>
    new Set(
      [...pairs].filter((pair) => {
        const [a, b] = pair.split('|').map((id) => byId.get(id)!);
        return keep(a!, b!);
      }),
    );

  it('reports and meets the floors', () => {
    const clusters = measure(clusterPairs(), truth);
    const similar = measure(similarPairs(), truth);
    const crossLanguage = (a: LabelledCourse, b: LabelledCourse) => a.language !== b.language;
    const translations = measure(subset(clusterPairs(), crossLanguage), subset(truth, crossLanguage));
    const sameLanguage = (a: LabelledCourse, b: LabelledCourse) => a.language === b.language;
    const nearDuplicates = measure(subset(clusterPairs(), sameLanguage), subset(truth, sameLanguage));
    const rows = [
      ['duplicateClusters (pairs in one cluster)', clusters],
      ['similarCourses ≥ threshold', similar],
      ['  of which translations (clusters)', translations],
      ['  of which same-language rewordings (clusters)', nearDuplicates],
    ] as const;
    console.log(
      [
        `near-duplicate evaluation: ${corpus.length} courses, ${truth.size} true cross-agency pairs, threshold ${index.duplicateThreshold}`,
        ...rows.map(
          ([name, m]) =>
            `  ${name.padEnd(48)} precision ${pct(m.precision).padStart(6)}  recall ${pct(m.recall).padStart(6)}  (${m.truePositives}/${m.predicted} predicted)`,
        ),
      ].join('\n'),
    );
    expect(clusters.precision).toBeGreaterThanOrEqual(FLOORS.clusters.precision);
    expect(clusters.recall).toBeGreaterThanOrEqual(FLOORS.clusters.recall);
    expect(similar.precision).toBeGreaterThanOrEqual(FLOORS.similar.precision);
    expect(similar.recall).toBeGreaterThanOrEqual(FLOORS.similar.recall);
    expect(translations.recall).toBeGreaterThanOrEqual(FLOORS.translations.recall);
    expect(nearDuplicates.recall).toBeGreaterThanOrEqual(FLOORS.nearDuplicates.recall);
  });

  it('finds translations in every pair of UN languages, flagged as cross-language', () => {
    const english = corpus.find((c) => c.title === 'Introduction to climate change')!;
    const similar = index.similarCourses(english.id) ?? [];
    const languages = similar
      .filter((s) => s.score >= index.duplicateThreshold)
      .map((s) => byId.get(s.courseId)?.language);
    expect(new Set(languages)).toEqual(new Set(['fr', 'es', 'ar', 'zh', 'ru']));
    expect(similar.every((s) => s.crossLanguage === (byId.get(s.courseId)?.language !== 'en'))).toBe(true);
  });

  it('keeps deliberate non-duplicates on the same goals apart', () => {
    const clustered = new Set(index.duplicateClusters().flatMap((c) => c.courseIds));
    for (const title of [
      'Climate finance for negotiators',
      'Climate change adaptation in cities',
      'Gender pay gap statistics',
      'Santé mentale au travail',
      'Malaria case management',
      'Cash-based transfers in food assistance',
      'Agua y saneamiento en las escuelas',
    ]) {
      const course = corpus.find((c) => c.title === title)!;
      expect(clustered.has(course.id), title).toBe(false);
    }
  });

  it('scores same-content pairs above same-theme pairs', () => {
    const score = (a: string, b: string) => {
      const from = corpus.find((c) => c.title === a)!;
      const to = corpus.find((c) => c.title === b)!;
      return index.similarCourses(from.id, { minScore: 0, limit: 500 })?.find((s) => s.courseId === to.id)?.score ?? 0;
    };
    expect(
      score('Preventing sexual exploitation and abuse (PSEA)', 'Prevention of Sexual Exploitation and Abuse'),
    ).toBeGreaterThan(score('Preventing sexual exploitation and abuse (PSEA)', 'Gender equality in the workplace'));
    expect(score('Introduction to climate change', 'Введение в изменение климата')).toBeGreaterThan(
      score('Introduction to climate change', 'Climate finance for negotiators'),
    );
  });
});
