/**
 * Where a course comes from: an agency LMS, an open-educational-resource repository (OAI-PMH), or an
 * external course provider. The canonical `Course.sourceKind` field is added with issue 16's schema step;
 * this is the same vocabulary.
 */
export type SourceKind = 'LMS' | 'OER' | 'EXTERNAL';

/** What near-duplicate detection and SDG coverage need to know of a course. */
export interface SimilarityCourse {
  /** Global id, `<agency>:course:<localId>`. */
  readonly id: string;
  readonly agency: string;
  readonly title: string;
  readonly summary: string | null;
  /** BCP 47; null when the source does not say. */
  readonly language: string | null;
  readonly sdgs: readonly number[];
  readonly sourceKind: SourceKind;
}

export interface SimilarCourse {
  readonly courseId: string;
  readonly agency: string;
  /** Cosine similarity in [0, 1] (README "Curriculum": what the scores and thresholds mean). */
  readonly score: number;
  /** The two courses are in different languages: the score rests on lexicon concepts and cognates. */
  readonly crossLanguage: boolean;
}

export interface DuplicateCluster {
  /** Stable while its members are: the smallest member id. */
  readonly id: string;
  readonly courseIds: readonly string[];
  readonly agencies: readonly string[];
  readonly languages: readonly string[];
  readonly sdgs: readonly number[];
  /** Mean similarity of the links that hold the cluster together. */
  readonly score: number;
  /** The weakest of those links. */
  readonly minLink: number;
}

export interface SimilarityOptions {
  /**
   * Pairs scoring at least this are likely duplicates: they link clusters. @default 0.55
   * (chosen on the seeded evaluation set: see the README for precision/recall at other values).
   */
  readonly duplicateThreshold?: number;
  /** Only pairs from different agencies link clusters and are returned as similar. @default true */
  readonly crossAgencyOnly?: boolean;
  /**
   * IDF weights are frozen between rebuilds so that an update costs O(its neighbours), not O(corpus);
   * the index rebuilds itself once the corpus has grown or shrunk by this fraction. @default 0.1
   */
  readonly rebuildDrift?: number;
}
