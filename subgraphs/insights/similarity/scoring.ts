import { dot, type SparseVector } from './vectors.js';

/**
 * How much of a cross-language score survives when the lexicon covered only part of a text: the score
 * over shared concepts is scaled by (the smaller neutral share of the two vectors) ^ COVERAGE_EXPONENT.
 * 0.5 keeps translations with ~60 % lexicon coverage above the duplicate threshold while two courses
 * that share two generic concepts out of twenty words stay below it (seeded evaluation, README).
 */
export const COVERAGE_EXPONENT = 0.5;

export interface PairScore {
  readonly score: number;
  readonly crossLanguage: boolean;
}

/**
 * Cosine similarity of two courses. In one language it is the plain TF-IDF cosine. Across languages,
 * words that the lexicon cannot translate are unknown rather than different, so the cosine is also taken
 * over the language-neutral features alone (concepts, numbers), discounted by how much of each text the
 * lexicon covered; the higher of the two counts (cognates between English, French and Spanish can make
 * the plain cosine the higher one).
 */
export function scorePair(a: SparseVector, b: SparseVector, sameLanguage: boolean): PairScore {
  if (a.norm === 0 || b.norm === 0) return { score: 0, crossLanguage: !sameLanguage };
  const products = dot(a, b);
  const cosine = products.all / (a.norm * b.norm);
  if (sameLanguage) return { score: Math.min(1, cosine), crossLanguage: false };
  if (a.neutralNorm === 0 || b.neutralNorm === 0) return { score: Math.min(1, cosine), crossLanguage: true };
  const neutralCosine = products.neutral / (a.neutralNorm * b.neutralNorm);
  const coverage = Math.min(a.neutralNorm / a.norm, b.neutralNorm / b.norm);
  const across = neutralCosine * coverage ** COVERAGE_EXPONENT;
  return { score: Math.min(1, Math.max(cosine, across)), crossLanguage: true };
}
