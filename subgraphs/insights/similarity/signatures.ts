import type { SparseVector } from './vectors.js';

/**
 * Candidate generation: a course is compared only with courses that share a signature token, never with
 * the whole corpus. Tokens are its strongest specific features (rare enough that their posting stays
 * short) and pairs and triples of its strongest language-neutral features: one concept such as "climate"
 * is shared by thousands of courses, climate+finance by few, and a translation shares the concept
 * combinations, not the words. LSH in spirit (bands of two and three rows over the ranked features),
 * exact in what it scores.
 */
export const SIGNATURE_WORDS = 6;
export const SIGNATURE_PAIRS_FROM = 5;
export const SIGNATURE_TRIPLES_FROM = 4;

/** `specific(featureId)` says whether a feature is rare enough to be a token on its own. */
export function signatureOf(vector: SparseVector, specific: (featureId: number) => boolean): string[] {
  const ranked = [...vector.ids.keys()].sort((x, y) => vector.weights[y]! - vector.weights[x]!);
  const words = ranked
    .filter((i) => specific(vector.ids[i]!))
    .slice(0, SIGNATURE_WORDS)
    .map((i) => `f${vector.ids[i]}`);
  const neutral = ranked.filter((i) => vector.neutral[i]).map((i) => vector.ids[i]!);
  const top = (n: number) => neutral.slice(0, n).sort((x, y) => x - y);
  const tokens = [...words];
  const pairs = top(SIGNATURE_PAIRS_FROM);
  for (let i = 0; i < pairs.length; i += 1) {
    for (let j = i + 1; j < pairs.length; j += 1) tokens.push(`p${pairs[i]}.${pairs[j]}`);
  }
  const triples = top(SIGNATURE_TRIPLES_FROM);
  for (let i = 0; i < triples.length; i += 1) {
    for (let j = i + 1; j < triples.length; j += 1) {
      for (let k = j + 1; k < triples.length; k += 1) tokens.push(`t${triples[i]}.${triples[j]}.${triples[k]}`);
    }
  }
  // A course with a single concept is still findable by it.
  if (neutral.length === 1) tokens.push(`p${neutral[0]}`);
  return tokens;
}

/** Token → courses holding it. Oversized postings are left out of candidate generation (too generic). */
export class Postings {
  private readonly lists = new Map<string, Set<string>>();

  /** Postings longer than `maxPosting()` are skipped: too generic to say anything. */
  constructor(private readonly maxPosting: () => number) {}

  add(id: string, tokens: readonly string[]): void {
    for (const token of tokens) {
      let list = this.lists.get(token);
      if (!list) {
        list = new Set();
        this.lists.set(token, list);
      }
      list.add(id);
    }
  }

  remove(id: string, tokens: readonly string[]): void {
    for (const token of tokens) {
      const list = this.lists.get(token);
      list?.delete(id);
      if (list?.size === 0) this.lists.delete(token);
    }
  }

  /** Courses sharing at least one token, except `id` itself. */
  candidates(id: string, tokens: readonly string[]): Set<string> {
    const found = new Set<string>();
    const limit = this.maxPosting();
    for (const token of tokens) {
      const list = this.lists.get(token);
      if (!list || list.size > limit) continue;
      for (const other of list) if (other !== id) found.add(other);
    }
    return found;
  }

  clear(): void {
    this.lists.clear();
  }
}
