import { LEXICON_LANGUAGES, type LexiconLanguage, lexiconEntries } from './lexicon.js';
import { type AnalysedLanguage, analyse, isStopword, type Token } from './text.js';

/**
 * Look-up of lexicon concepts for analysed tokens. Lexicon words go through the same analysis as course
 * text (so "climatique" and "climat" meet at `climat`); Chinese words are found inside segmented words by
 * longest match, because ICU's segmentation of compounds varies between versions.
 */
export interface ConceptLookup {
  /** Concepts a token expresses (possibly several, as 人权 = human + right), empty when unknown. */
  conceptsOf(token: Token, language: AnalysedLanguage): readonly string[];
  /**
   * Chinese text: lexicon words found by longest match over each run of Han characters (so that a word
   * split by the segmenter, as 可 + 再生, is still found), and the segmenter's words that no lexicon
   * word covered.
   */
  chineseTerms(text: string): { readonly concepts: string[]; readonly words: string[] };
  readonly size: number;
}

/**
 * Arabic clitics the Snowball stemmer leaves on: conjunctions و/ف, prepositions ب/ك/ل before the article
 * (لل = ل + ال). Tried in order when the word itself is not in the lexicon (light stemming).
 */
const ARABIC_PREFIXES: readonly (readonly [string, string])[] = [
  ['وال', 'ال'],
  ['فال', 'ال'],
  ['بال', 'ال'],
  ['كال', 'ال'],
  ['لل', 'ال'],
  ['و', ''],
  ['ف', ''],
  ['ل', ''],
  ['ب', ''],
];

function addTo(map: Map<string, string[]>, key: string, concept: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [concept]);
  else if (!list.includes(concept)) list.push(concept);
}

export function createConceptLookup(): ConceptLookup {
  const entries = lexiconEntries();
  const byStem = new Map<LexiconLanguage, Map<string, string[]>>(LEXICON_LANGUAGES.map((l) => [l, new Map()]));
  const chinese = new Map<string, string[]>();
  for (const entry of entries) {
    for (const language of LEXICON_LANGUAGES) {
      for (const word of entry.words[language]) {
        if (language === 'zh') {
          addTo(chinese, word, entry.concept);
          continue;
        }
        for (const token of analyse(word, language)) addTo(byStem.get(language)!, token.stem, entry.concept);
      }
    }
  }
  const chineseWords = [...chinese.keys()].sort((a, b) => b.length - a.length);
  const longest = chineseWords[0]?.length ?? 0;

  /** Greedy longest-match of lexicon words inside a run of Chinese text; marks the characters covered. */
  function scanChinese(run: string, covered?: boolean[]): string[] {
    const found: string[] = [];
    for (let i = 0; i < run.length; ) {
      let matched = 0;
      for (let length = Math.min(longest, run.length - i); length > 0 && matched === 0; length -= 1) {
        const concepts = chinese.get(run.slice(i, i + length));
        if (concepts) {
          found.push(...concepts);
          matched = length;
          if (covered) for (let k = i; k < i + length; k += 1) covered[k] = true;
        }
      }
      i += matched || 1;
    }
    return found;
  }

  const arabic = byStem.get('ar')!;
  function arabicConcepts(token: Token): readonly string[] {
    const direct = arabic.get(token.stem);
    if (direct) return direct;
    for (const [prefix, replacement] of ARABIC_PREFIXES) {
      if (!token.word.startsWith(prefix) || token.word.length - prefix.length < 2) continue;
      for (const stripped of analyse(replacement + token.word.slice(prefix.length), 'ar')) {
        const found = arabic.get(stripped.stem);
        if (found) return found;
      }
    }
    return [];
  }

  const hanRuns = /\p{Script=Han}+/gu;
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

  return {
    size: entries.length,
    conceptsOf(token, language) {
      if (token.numeric) return [];
      if (language === 'zh') return scanChinese(token.word);
      if (language === 'ar') return arabicConcepts(token);
      if (language === 'other') return [];
      return byStem.get(language)?.get(token.stem) ?? [];
    },
    chineseTerms(text) {
      const concepts: string[] = [];
      const words: string[] = [];
      for (const match of text.matchAll(hanRuns)) {
        const run = match[0];
        const covered = new Array<boolean>(run.length).fill(false);
        concepts.push(...scanChinese(run, covered));
        for (const segment of segmenter.segment(run)) {
          const span = covered.slice(segment.index, segment.index + segment.segment.length);
          if (segment.isWordLike && !span.some(Boolean) && !isStopword(segment.segment, 'zh'))
            words.push(segment.segment);
        }
      }
      return { concepts, words };
    },
  };
}
