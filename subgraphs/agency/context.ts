import DataLoader from 'dataloader';
import type { LmsAdapter } from '../../adapters/core/adapter.js';
import type { CredentialRecord } from '../../adapters/core/records.js';
import type { Agency } from '../../schema/model/agency.js';
import { type AgencyAccess, DIRECT_CALL } from './access.js';
import type { CatalogueCache } from './catalogueCache.js';
import type { AgencyRequestScope } from './requestScope.js';
import {
  type CourseView,
  type CredentialView,
  courseView,
  credentialView,
  type EnrollmentView,
  enrollmentView,
  type LearnerView,
  learnerView,
} from './views.js';

/** Per-request state: the agency, its adapter, and DataLoaders that batch reads into one LMS call. */
export interface AgencyContext {
  readonly agency: Agency;
  readonly adapter: LmsAdapter;
  /** Who is asking (from the gateway's assertion) — the only source of "who". */
  readonly access: AgencyAccess;
  /** Global ids of learners whose records this request returned (reported to the gateway for its audit). */
  readonly personalReads: Set<string>;
  /** Per-request lookups (the caller's own accounts). */
  readonly memo: { ownAccounts?: Promise<readonly LearnerView[]> };
  readonly courses: DataLoader<string, CourseView | null>;
  readonly learners: DataLoader<string, LearnerView | null>;
  readonly enrollments: DataLoader<string, EnrollmentView | null>;
  readonly credentials: DataLoader<string, CredentialView | null>;
  /** Credentials per learner local id, batched into one `listCredentials` call. */
  readonly credentialsByLearner: DataLoader<string, CredentialView[]>;
  /**
   * Enrolments per learner and per course: every parent of one nested level in one adapter call, and
   * each learner or course read once per request however often the query revisits it (issue 11: LMS
   * calls grow with depth, not with the number of parents).
   */
  readonly enrollmentsByLearner: DataLoader<string, EnrollmentView[]>;
  readonly enrollmentsByCourse: DataLoader<string, EnrollmentView[]>;
  /** What this request may still cost (requestScope.ts); absent when embedded without one. */
  readonly scope?: AgencyRequestScope | undefined;
  /** Sorted catalogue lists shared by this subgraph's requests (one per adapter); none: built per request. */
  readonly catalogue?: CatalogueCache | undefined;
}

function batchOf<R, V>(read: (ids: readonly string[]) => Promise<ReadonlyArray<R | null>>, view: (r: R) => V) {
  return async (ids: readonly string[]) => (await read(ids)).map((record) => (record ? view(record) : null));
}

/** Records grouped under the keys asked for, in their order (a DataLoader batch answer). */
function groupBy<R, V>(
  keys: readonly string[],
  records: readonly R[],
  keyOf: (r: R) => string,
  view: (r: R) => V,
): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const record of records) groups.get(keyOf(record))?.push(view(record));
  return keys.map((key) => groups.get(key) ?? []);
}

/** Built once per GraphQL request, never at module scope (STYLE.md B2). */
export function createAgencyContext(
  agency: Agency,
  adapter: LmsAdapter,
  access: AgencyAccess = DIRECT_CALL,
  scope?: AgencyRequestScope,
  catalogue?: CatalogueCache,
): AgencyContext {
  const code = agency.code;
  return {
    scope,
    catalogue,
    agency,
    adapter,
    access,
    personalReads: new Set(),
    memo: {},
    courses: new DataLoader(
      batchOf(
        (ids) => adapter.getCourses(ids),
        (r) => courseView(code, r, adapter.category),
      ),
    ),
    learners: new DataLoader(
      batchOf(
        (ids) => adapter.getLearners(ids),
        (r) => learnerView(code, r),
      ),
    ),
    enrollments: new DataLoader(
      batchOf(
        (ids) => adapter.getEnrollments(ids),
        (r) => enrollmentView(code, r),
      ),
    ),
    credentials: new DataLoader(
      batchOf(
        (ids) => adapter.getCredentials(ids),
        (r) => credentialView(code, r),
      ),
    ),
    enrollmentsByLearner: new DataLoader(async (learnerIds: readonly string[]) =>
      groupBy(
        learnerIds,
        await adapter.listEnrollments({ learnerLocalIds: learnerIds }),
        (e) => e.learnerLocalId,
        (e) => enrollmentView(code, e),
      ),
    ),
    enrollmentsByCourse: new DataLoader(async (courseIds: readonly string[]) =>
      groupBy(
        courseIds,
        await adapter.listEnrollments({ courseLocalIds: courseIds }),
        (e) => e.courseLocalId,
        (e) => enrollmentView(code, e),
      ),
    ),
    credentialsByLearner: new DataLoader(async (learnerIds: readonly string[]) => {
      const all: readonly CredentialRecord[] = await adapter.listCredentials(learnerIds);
      return learnerIds.map((id) => all.filter((c) => c.learnerLocalId === id).map((c) => credentialView(code, c)));
    }),
  };
}
