import { describe, expect, it } from 'vitest';
import { createConceptLookup } from '../../../../subgraphs/insights/similarity/concepts.js';
import { courseTerms } from '../../../../subgraphs/insights/similarity/features.js';
import { analyse, fold } from '../../../../subgraphs/insights/similarity/text.js';

const lookup = createConceptLookup();
const features = (title: string, language: string) =>
  [
    ...courseTerms(
      { id: 'x:course:1', agency: 'x', title, summary: null, language, sdgs: [], sourceKind: 'LMS' },
      lookup,
    ).counts.keys(),
  ].sort();

describe('multilingual analysis', () => {
  it('folds accents, Arabic letter variants and the Russian ё', () => {
    expect(fold('éducation égalité')).toBe('education egalite');
    expect(fold('إدارة أساسية')).toBe('اداره اساسيه');
    expect(fold('всё')).toBe('все');
  });

  it('drops stop words and French elisions, stems, and keeps numbers as they are', () => {
    expect(analyse("L'égalité des genres en 2030", 'fr').map((t) => t.stem)).toEqual(['egal', 'genr', '2030']);
    expect(analyse('Introduction to climate change', 'en').map((t) => t.stem)).toEqual(['introduc', 'climat', 'chang']);
  });

  it('gives translations the same concept features in all six languages', () => {
    const expected = ['c:change', 'c:climate', 'c:introduction'];
    expect(features('Introduction to climate change', 'en')).toEqual(expected);
    expect(features('Introduction au changement climatique', 'fr')).toEqual(expected);
    expect(features('Introducción al cambio climático', 'es')).toEqual(expected);
    expect(features('مقدمة في تغير المناخ', 'ar')).toEqual(expected);
    expect(features('气候变化导论', 'zh')).toEqual(expected);
    expect(features('Введение в изменение климата', 'ru')).toEqual(expected);
  });

  it('strips Arabic clitics the stemmer leaves (و، لل) and finds Chinese words the segmenter splits', () => {
    expect(features('والتعليم', 'ar')).toEqual(['c:education']);
    expect(features('للصحة', 'ar')).toEqual(['c:health']);
    expect(features('可再生能源', 'zh')).toEqual(['c:energy', 'c:renewable']);
    expect(features('网络安全', 'zh')).toEqual(['c:cybersecurity']);
  });

  it('keeps words outside the lexicon as stems, and numbers as they are (the segmenter splits COVID-19)', () => {
    expect(features('COVID-19 phishing', 'en')).toEqual(['n:19', 'w:covid', 'w:phish']);
  });
});
