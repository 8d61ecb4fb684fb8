/**
 * Curriculum-quality insights over the whole catalogue (issue 16): near-duplicate detection across
 * agencies and languages, and SDG coverage. Pure in-process computation over `SimilarityCourse`s; the
 * GraphQL wiring (`Course.similarCourses`, `duplicateClusters`, `sdgCoverage`) is the curriculum subgraph
 * (subgraphs/curriculum).
 */
export { type ConceptLookup, createConceptLookup } from './concepts.js';
export { type GoalCoverage, primaryLanguage, type SdgCoverage, sdgCoverage } from './coverage.js';
export { COVERAGE_EXPONENT, scorePair } from './scoring.js';
export {
  type ClusterQuery,
  DEFAULT_DUPLICATE_THRESHOLD,
  type IndexStats,
  SimilarityIndex,
  type SimilarQuery,
} from './similarityIndex.js';
export type { DuplicateCluster, SimilarCourse, SimilarityCourse, SimilarityOptions, SourceKind } from './types.js';
