import type { SparseVector } from './vectors.js';

/**
 * Candidate generation: a course is compared only with courses that share a signature token, never with
 * the whole corpus. Tokens are its most specific features (highest TF-IDF weight) and pairs of its
 * strongest language-neutral features: a single concept such as "climate" is shared by thousands of
 * courses, a pair such as climate+finance by few, and a translation shares the pairs, not the words.
 * This is LSH in spirit (two-row bands over the ranked features), exact in what it scores.
 */
export const SIGNATURE_WORDS = 6;
export const SIGNATURE_NEUTRAL = 5;

export function signatureOf(vector: SparseVector): string[] {
  const ranked = [...vector.ids.keys()].sort((x, y) => vector.weights[y]! - vector.weights[x]!);
  const words = ranked.slice(0, SIGNATURE_WORDS).map((i) => `f${vector.ids[i]}`);
  const neutral = ranked
    .filter((i) => vector.neutral[i])
    .slice(0, SIGNATURE_NEUTRAL)
    .map((i) => vector.ids[i]!)
    .sort((x, y) => x - y);
  const pairs: string[] = [];
  for (let i = 0; i < neutral.length; i += 1) {
    for (let j = i + 1; j < neutral.length; j += 1) pairs.push(`p${neutral[i]}.${neutral[j]}`);
  }
  // A course with a single concept is still findable by it.
  if (neutral.length === 1) pairs.push(`p${neutral[0]}`);
  return [...words, ...pairs];
}

/** Token → courses holding it. Oversized postings are left out of candidate generation (too generic). */
export class Postings {
  private readonly lists = new Map<string, Set<string>>();

  constructor(private readonly maxPosting: number) {}

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
    for (const token of tokens) {
      const list = this.lists.get(token);
      if (!list || list.size > this.maxPosting) continue;
      for (const other of list) if (other !== id) found.add(other);
    }
    return found;
  }

  clear(): void {
    this.lists.clear();
  }
}
