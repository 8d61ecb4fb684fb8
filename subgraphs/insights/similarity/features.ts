import type { ConceptLookup } from './concepts.js';
import { type AnalysedLanguage, analyse, analysedLanguage } from './text.js';
import type { SimilarityCourse } from './types.js';

/**
 * Term counts of a course, before IDF weighting. Feature names say what kind of evidence they are:
 * - `c:<concept>` — a lexicon concept: the same in every language;
 * - `n:<token>` — a number or code with digits ("2030", "covid-19"): the same in every language;
 * - `w:<stem>` — any other word stem: matches within a language, and cognates across English, French
 *   and Spanish ("climat", "educ").
 * Title words count `TITLE_WEIGHT` times: a title says what a course is; a summary adds detail.
 */
export interface CourseTerms {
  readonly language: AnalysedLanguage;
  readonly counts: ReadonlyMap<string, number>;
}

export const TITLE_WEIGHT = 2;

/** Features that carry meaning across languages. */
export const isNeutral = (feature: string) => feature.startsWith('c:') || feature.startsWith('n:');

/**
 * The language to analyse a course in: its declared one, else a guess from the script of its title (an
 * undeclared Latin-script course is read as English: most LMS catalogues that omit it are).
 */
export function languageOf(course: Pick<SimilarityCourse, 'language' | 'title'>): AnalysedLanguage {
  const declared = analysedLanguage(course.language);
  if (declared !== 'other' || course.language) return declared;
  const title = course.title;
  if (/\p{Script=Han}/u.test(title)) return 'zh';
  if (/\p{Script=Arabic}/u.test(title)) return 'ar';
  if (/\p{Script=Cyrillic}/u.test(title)) return 'ru';
  return 'en';
}

export function courseTerms(course: SimilarityCourse, concepts: ConceptLookup): CourseTerms {
  const language = languageOf(course);
  const counts = new Map<string, number>();
  const bump = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
  const add = (text: string | null, weight: number) => {
    if (!text) return;
    if (language === 'zh') {
      // Han characters are matched against the lexicon as runs; other scripts in the text (codes,
      // acronyms, numbers) go through the ordinary analysis below.
      const { concepts: found, words } = concepts.chineseTerms(text);
      for (const concept of found) bump(`c:${concept}`, weight);
      for (const word of words) bump(`w:${word}`, weight);
      text = text.replace(/\p{Script=Han}+/gu, ' ');
    }
    for (const token of analyse(text, language)) {
      if (token.numeric) {
        counts.set(`n:${token.stem}`, (counts.get(`n:${token.stem}`) ?? 0) + weight);
        continue;
      }
      const found = concepts.conceptsOf(token, language);
      const features = found.length > 0 ? found.map((c) => `c:${c}`) : [`w:${token.stem}`];
      for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + weight);
    }
  };
  add(course.title, TITLE_WEIGHT);
  add(course.summary, 1);
  return { language, counts };
}
