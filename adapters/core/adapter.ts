import type { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { z } from 'zod';
import type { LmsKind } from '../../schema/model/enums.js';
import { LmsError } from './errors.js';
import type {
  CourseQuery,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  EnrollmentScope,
  LearnerMatchQuery,
  LearnerRecord,
  StatsQuery,
  StatsRecord,
} from './records.js';

/**
 * What an adapter can do. The agency subgraph answers `LMS_UNSUPPORTED` for anything undeclared, and the
 * conformance kit skips the groups an adapter does not declare.
 */
export type LmsCapability =
  | 'courses'
  | 'learners'
  | 'enrollments.byLearner'
  | 'enrollments.byCourse'
  | 'credentials'
  | 'stats';

/**
 * One agency's LMS in canonical terms. Reads are batch-first: `get*` take local ids and answer in input
 * order with `null` for ids that do not exist, so the subgraph's per-request DataLoaders remove N+1 calls.
 * `list*` return every match: the adapter walks the upstream's own paging to the end, and the agency
 * subgraph orders and pages the result with the shared total order (schema/ordering.ts).
 * Every failure is an `LmsError`.
 */
export interface LmsAdapter {
  readonly kind: LmsKind;
  readonly capabilities: ReadonlySet<LmsCapability>;

  getCourses(localIds: readonly string[]): Promise<ReadonlyArray<CourseRecord | null>>;
  listCourses(query: CourseQuery): Promise<readonly CourseRecord[]>;

  getLearners(localIds: readonly string[]): Promise<ReadonlyArray<LearnerRecord | null>>;
  findLearners(match: LearnerMatchQuery): Promise<readonly LearnerRecord[]>;

  getEnrollments(localIds: readonly string[]): Promise<ReadonlyArray<EnrollmentRecord | null>>;
  listEnrollments(scope: EnrollmentScope): Promise<readonly EnrollmentRecord[]>;

  getCredentials(localIds: readonly string[]): Promise<ReadonlyArray<CredentialRecord | null>>;
  listCredentials(learnerLocalIds: readonly string[]): Promise<readonly CredentialRecord[]>;

  getStats(query: StatsQuery): Promise<StatsRecord>;

  /** Resolves when the LMS answers with valid credentials; rejects with an `LmsError` otherwise. */
  healthCheck(signal?: AbortSignal): Promise<void>;
  dispose(): Promise<void>;
}

/** What every adapter is given instead of building its own (STYLE.md B2). */
export interface AdapterDeps {
  readonly agency: string;
  readonly logger: Logger;
  /** Namespaced `<agency>:<kind>`; in-memory unless Redis is configured. */
  readonly cache: Keyv;
}

export interface LmsAdapterFactory<C> {
  readonly kind: LmsKind;
  /** Validated before `create` is called; lists every problem at once. */
  readonly configSchema: z.ZodType<C, z.ZodTypeDef, unknown>;
  create(config: C, deps: AdapterDeps): LmsAdapter;
}

/** Used by the subgraph before calling an operation: undeclared capabilities answer `LMS_UNSUPPORTED`. */
export function requireCapability(adapter: LmsAdapter, capability: LmsCapability): void {
  if (!adapter.capabilities.has(capability)) {
    throw new LmsError('LMS_UNSUPPORTED', `This agency's LMS does not support ${capability}.`);
  }
}
