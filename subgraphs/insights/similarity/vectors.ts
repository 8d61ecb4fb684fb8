import { isNeutral } from './features.js';

/**
 * Sparse TF-IDF vectors over interned feature ids, sorted so that two vectors meet in one merge pass.
 * `neutral` marks features that mean the same in every language (concepts, numbers).
 */
export interface SparseVector {
  readonly ids: Int32Array;
  readonly weights: Float64Array;
  readonly neutral: Uint8Array;
  readonly norm: number;
  readonly neutralNorm: number;
}

/** Interns feature names as small integers (shared by every vector of one index). */
export class FeatureTable {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  id(name: string): number {
    let found = this.ids.get(name);
    if (found === undefined) {
      found = this.names.length;
      this.ids.set(name, found);
      this.names.push(name);
    }
    return found;
  }

  name(id: number): string {
    return this.names[id] ?? '';
  }
}

/** Sublinear term frequency times IDF; `idf` gives the weight of a feature name. */
export function buildVector(
  counts: ReadonlyMap<string, number>,
  idf: (feature: string) => number,
  table: FeatureTable,
): SparseVector {
  const entries = [...counts].map(([name, count]) => ({
    id: table.id(name),
    weight: (1 + Math.log(count)) * idf(name),
    neutral: isNeutral(name),
  }));
  entries.sort((a, b) => a.id - b.id);
  let norm = 0;
  let neutralNorm = 0;
  const ids = new Int32Array(entries.length);
  const weights = new Float64Array(entries.length);
  const neutral = new Uint8Array(entries.length);
  entries.forEach((entry, i) => {
    ids[i] = entry.id;
    weights[i] = entry.weight;
    neutral[i] = entry.neutral ? 1 : 0;
    norm += entry.weight * entry.weight;
    if (entry.neutral) neutralNorm += entry.weight * entry.weight;
  });
  return { ids, weights, neutral, norm: Math.sqrt(norm), neutralNorm: Math.sqrt(neutralNorm) };
}

/** Dot products over all shared features and over the shared neutral ones. */
export function dot(a: SparseVector, b: SparseVector): { readonly all: number; readonly neutral: number } {
  let all = 0;
  let neutral = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) {
      const product = a.weights[i]! * b.weights[j]!;
      all += product;
      if (a.neutral[i]) neutral += product;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return { all, neutral };
}
