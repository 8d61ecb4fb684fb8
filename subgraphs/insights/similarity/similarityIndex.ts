import { averageLinkageClusters } from './clusters.js';
import { type ConceptLookup, createConceptLookup } from './concepts.js';
import { type CourseTerms, courseTerms } from './features.js';
import { LinkStore } from './links.js';
import { scorePair } from './scoring.js';
import { Postings, signatureOf } from './signatures.js';
import type { DuplicateCluster, SimilarCourse, SimilarityCourse, SimilarityOptions } from './types.js';
import { buildVector, FeatureTable, type SparseVector } from './vectors.js';

export const DEFAULT_DUPLICATE_THRESHOLD = 0.55;
/**
 * Links are kept from this score up (below the duplicate threshold too), so that average linkage sees
 * how similar the rest of a group is; pairs below it count as 0.
 */
export const LINK_FLOOR = 0.35;
/**
 * Candidate generation limits, relative to the catalogue size N: a feature is a signature token on its
 * own only while at most max(20, N/200) courses have it; a token shared by more than max(100, N/100)
 * courses generates no candidates. Both keep the work per course roughly constant as N grows.
 */
const specificLimit = (n: number) => Math.max(20, n / 200);
const postingLimit = (n: number) => Math.max(100, n / 100);

interface Indexed {
  readonly course: SimilarityCourse;
  readonly terms: CourseTerms;
  vector: SparseVector;
  signature: string[];
}

export interface SimilarQuery {
  /** @default 10 */
  readonly limit?: number;
  /** @default 0.3 */
  readonly minScore?: number;
  /** @default the index's crossAgencyOnly, negated */
  readonly includeSameAgency?: boolean;
}

export interface ClusterQuery {
  /** Only clusters with at least one course on one of these goals. */
  readonly sdgs?: readonly number[];
  /** Links below this do not hold a cluster together. @default the duplicate threshold */
  readonly minScore?: number;
}

export interface IndexStats {
  readonly courses: number;
  readonly links: number;
  readonly rebuilds: number;
  readonly pairsScored: number;
}

/**
 * Near-duplicate detection over a changing catalogue. `upsert`/`remove` keep the likely-duplicate links
 * up to date by scoring the changed course against its candidates only (signatures.ts); IDF weights are
 * frozen between rebuilds, and the index rebuilds itself when the corpus size has drifted by
 * `rebuildDrift` since the last one. `similarCourses` scores one course on demand; `duplicateClusters`
 * groups the stored links.
 */
export class SimilarityIndex {
  readonly duplicateThreshold: number;
  private readonly crossAgencyOnly: boolean;
  private readonly rebuildDrift: number;
  private readonly concepts: ConceptLookup;
  private readonly table = new FeatureTable();
  private readonly items = new Map<string, Indexed>();
  private readonly df = new Map<string, number>();
  private readonly postings = new Postings(() => postingLimit(this.items.size));
  private readonly links = new LinkStore();
  private frozenIdf = new Map<string, number>();
  private sizeAtRebuild = 0;
  private rebuilds = 0;
  private pairsScored = 0;
  private clustersCache: {
    readonly version: number;
    readonly minScore: number;
    readonly value: DuplicateCluster[];
  } | null = null;
  private version = 0;

  constructor(options: SimilarityOptions = {}, concepts: ConceptLookup = createConceptLookup()) {
    this.duplicateThreshold = options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD;
    this.crossAgencyOnly = options.crossAgencyOnly ?? true;
    this.rebuildDrift = options.rebuildDrift ?? 0.1;
    this.concepts = concepts;
  }

  get size(): number {
    return this.items.size;
  }

  /** Adds or replaces courses. A large batch into a small index is one rebuild, not many updates. */
  upsert(courses: readonly SimilarityCourse[]): void {
    for (const course of courses) this.detach(course.id);
    const incoming = courses.map((course) => this.describe(course));
    if (incoming.length > this.items.size * this.rebuildDrift || this.drifted(incoming.length)) {
      for (const item of incoming) this.items.set(item.course.id, item);
      this.rebuild();
      return;
    }
    for (const item of incoming) {
      this.items.set(item.course.id, item);
      this.place(item);
    }
    this.version += 1;
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.detach(id);
    if (this.drifted(0)) this.rebuild();
    else this.version += 1;
  }

  course(id: string): SimilarityCourse | undefined {
    return this.items.get(id)?.course;
  }

  *courses(): IterableIterator<SimilarityCourse> {
    for (const item of this.items.values()) yield item.course;
  }

  /** Courses most like this one, best first; null when the course is not indexed. */
  similarCourses(id: string, query: SimilarQuery = {}): SimilarCourse[] | null {
    const item = this.items.get(id);
    if (!item) return null;
    const minScore = query.minScore ?? 0.3;
    const sameAgency = query.includeSameAgency ?? !this.crossAgencyOnly;
    const found: SimilarCourse[] = [];
    const candidates = this.postings.candidates(id, item.signature);
    for (const other of this.links.neighbours(id)) candidates.add(other);
    for (const otherId of candidates) {
      const other = this.items.get(otherId);
      if (!other || (!sameAgency && other.course.agency === item.course.agency)) continue;
      const pair = this.score(item, other);
      if (pair.score >= minScore) {
        found.push({
          courseId: otherId,
          agency: other.course.agency,
          score: round(pair.score),
          crossLanguage: pair.crossLanguage,
        });
      }
    }
    found.sort((a, b) => b.score - a.score || (a.courseId < b.courseId ? -1 : 1));
    return found.slice(0, query.limit ?? 10);
  }

  /** Groups of likely duplicates (average linkage at the duplicate threshold), strongest first. */
  duplicateClusters(query: ClusterQuery = {}): DuplicateCluster[] {
    const minScore = Math.max(query.minScore ?? this.duplicateThreshold, this.duplicateThreshold);
    if (this.clustersCache?.version !== this.version || this.clustersCache.minScore !== minScore) {
      const courses = new Map([...this.items].map(([id, item]) => [id, item.course]));
      const value = averageLinkageClusters(this.links.graph, courses, {
        threshold: minScore,
        crossAgencyOnly: this.crossAgencyOnly,
      });
      this.clustersCache = { version: this.version, minScore, value };
    }
    const wanted = query.sdgs && query.sdgs.length > 0 ? new Set(query.sdgs) : null;
    return wanted
      ? this.clustersCache.value.filter((c) => c.sdgs.some((g) => wanted.has(g)))
      : this.clustersCache.value;
  }

  stats(): IndexStats {
    return {
      courses: this.items.size,
      links: this.links.count(),
      rebuilds: this.rebuilds,
      pairsScored: this.pairsScored,
    };
  }

  /** Recomputes IDF, every vector and every link. */
  rebuild(): void {
    this.postings.clear();
    this.links.clear();
    const n = this.items.size;
    this.frozenIdf = new Map([...this.df].map(([feature, count]) => [feature, idf(n, count)]));
    this.sizeAtRebuild = n;
    for (const item of this.items.values()) {
      item.vector = buildVector(item.terms.counts, (f) => this.idfOf(f), this.table);
      item.signature = signatureOf(item.vector, this.specific);
      this.postings.add(item.course.id, item.signature);
    }
    for (const item of this.items.values()) this.linkCandidates(item, true);
    this.rebuilds += 1;
    this.version += 1;
  }

  private describe(course: SimilarityCourse): Indexed {
    const terms = courseTerms(course, this.concepts);
    for (const feature of terms.counts.keys()) this.df.set(feature, (this.df.get(feature) ?? 0) + 1);
    const vector = buildVector(terms.counts, (f) => this.idfOf(f), this.table);
    return { course, terms, vector, signature: signatureOf(vector, this.specific) };
  }

  private place(item: Indexed): void {
    this.postings.add(item.course.id, item.signature);
    this.linkCandidates(item, false);
  }

  /** Scores an item against its candidates and stores the links at or above the floor. */
  private linkCandidates(item: Indexed, onlyLaterIds: boolean): void {
    const id = item.course.id;
    for (const otherId of this.postings.candidates(id, item.signature)) {
      if (onlyLaterIds && otherId < id) continue;
      const other = this.items.get(otherId);
      if (!other || (this.crossAgencyOnly && other.course.agency === item.course.agency)) continue;
      const { score } = this.score(item, other);
      if (score >= Math.min(LINK_FLOOR, this.duplicateThreshold)) this.links.set(id, otherId, round(score));
    }
  }

  private score(a: Indexed, b: Indexed) {
    this.pairsScored += 1;
    return scorePair(a.vector, b.vector, a.terms.language === b.terms.language);
  }

  private detach(id: string): void {
    const item = this.items.get(id);
    if (!item) return;
    this.postings.remove(id, item.signature);
    this.links.removeAll(id);
    for (const feature of item.terms.counts.keys()) {
      const count = (this.df.get(feature) ?? 1) - 1;
      if (count <= 0) this.df.delete(feature);
      else this.df.set(feature, count);
    }
    this.items.delete(id);
  }

  private readonly specific = (featureId: number): boolean =>
    (this.df.get(this.table.name(featureId)) ?? 0) <= specificLimit(this.items.size);

  private drifted(incoming: number): boolean {
    if (this.sizeAtRebuild === 0) return true;
    return Math.abs(this.items.size + incoming - this.sizeAtRebuild) / this.sizeAtRebuild > this.rebuildDrift;
  }

  /** Frozen IDF where known; features first seen since the last rebuild get theirs from current counts. */
  private idfOf(feature: string): number {
    return (
      this.frozenIdf.get(feature) ?? idf(Math.max(this.sizeAtRebuild, this.items.size, 1), this.df.get(feature) ?? 1)
    );
  }
}

/** Smoothed inverse document frequency (always > 0). */
function idf(documents: number, frequency: number): number {
  return Math.log((documents + 1) / (frequency + 1)) + 1;
}

const round = (score: number) => Math.round(score * 1000) / 1000;
