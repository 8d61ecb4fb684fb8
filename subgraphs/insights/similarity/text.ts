import { stemmer as arabicStem } from '@orama/stemmers/arabic';
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as russianStem } from '@orama/stemmers/russian';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import { stopwords as arabicStops } from '@orama/stopwords/arabic';
import { stopwords as englishStops } from '@orama/stopwords/english';
import { stopwords as frenchStops } from '@orama/stopwords/french';
import { stopwords as chineseStops } from '@orama/stopwords/mandarin';
import { stopwords as russianStops } from '@orama/stopwords/russian';
import { stopwords as spanishStops } from '@orama/stopwords/spanish';

/**
 * Language-aware word analysis for the six UN languages: segmentation (Intl.Segmenter, whose ICU data
 * in Node 20 segments Chinese by dictionary), stop words and Snowball stemmers (Orama's packages),
 * then diacritics and Arabic letter variants folded, so that "éducation", "educación" and "education"
 * all end as `educ`. Other languages are segmented and folded, without stop words or stemming.
 */
export type AnalysedLanguage = 'en' | 'fr' | 'es' | 'ar' | 'zh' | 'ru' | 'other';

export interface Token {
  /** Folded stem (or the folded word where there is no stemmer). */
  readonly stem: string;
  /** The word as written, lower-cased: Chinese lexicon look-ups scan it. */
  readonly word: string;
  /** A number, or a code with digits ("covid-19"): the same in every language. */
  readonly numeric: boolean;
}

const STEMMERS: Partial<Record<AnalysedLanguage, (word: string) => string>> = {
  en: englishStem,
  fr: frenchStem,
  es: spanishStem,
  ar: arabicStem,
  ru: russianStem,
};

/** Removes combining marks (accents, Arabic harakat, the ё diaeresis) and unifies Arabic letter variants. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .normalize('NFC');
}

const stopSet = (words: readonly string[]) => new Set(words.flatMap((w) => [w.toLowerCase(), fold(w.toLowerCase())]));
const STOPWORDS: Partial<Record<AnalysedLanguage, ReadonlySet<string>>> = {
  en: stopSet(englishStops),
  fr: stopSet(frenchStops),
  es: stopSet(spanishStops),
  ar: stopSet(arabicStops),
  zh: stopSet(chineseStops),
  ru: stopSet(russianStops),
};

export function isStopword(word: string, language: AnalysedLanguage): boolean {
  return STOPWORDS[language]?.has(word) ?? false;
}

export function analysedLanguage(tag: string | null | undefined): AnalysedLanguage {
  const primary = (tag ?? '').toLowerCase().split('-')[0];
  switch (primary) {
    case 'en':
    case 'fr':
    case 'es':
    case 'ar':
    case 'zh':
    case 'ru':
      return primary;
    default:
      return 'other';
  }
}

const segmenters = new Map<AnalysedLanguage, Intl.Segmenter>();
function segmenter(language: AnalysedLanguage): Intl.Segmenter {
  let found = segmenters.get(language);
  if (!found) {
    found = new Intl.Segmenter(language === 'other' ? 'und' : language, { granularity: 'word' });
    segmenters.set(language, found);
  }
  return found;
}

/** French and Italian elisions ("l'égalité", "d’eau") belong to the next word. */
const ELISION = /^(?:[ldjmnstc]|qu)['’]/u;

/** Words of a text as tokens: stop words dropped, one-letter Latin words dropped, stems folded. */
export function analyse(text: string, language: AnalysedLanguage): Token[] {
  const stops = STOPWORDS[language];
  const stem = STEMMERS[language];
  const tokens: Token[] = [];
  for (const segment of segmenter(language).segment(text.normalize('NFKC').toLowerCase())) {
    if (!segment.isWordLike) continue;
    const word = segment.segment.replace(ELISION, '');
    if (word.length === 0 || stops?.has(word)) continue;
    if (/\d/.test(word)) {
      tokens.push({ stem: word, word, numeric: true });
      continue;
    }
    if (word.length < 2 && /\p{Script=Latin}|\p{Script=Cyrillic}/u.test(word)) continue;
    tokens.push({ stem: fold(stem ? stem(word) : word), word, numeric: false });
  }
  return tokens;
}
