import { requireCapability } from '../../adapters/core/factory.js';
import type { EnrollmentScope } from '../../adapters/core/records.js';
import { DEFAULT_SUPPRESSION_THRESHOLD, suppressSmallCounts } from '../../schema/disclosure.js';
import type { Connection } from '../../schema/model/connection.js';
import { CourseOrderField, CredentialOrderField, EnrollmentOrderField } from '../../schema/model/enums.js';
import type {
  CourseFilter,
  CourseOrder,
  CredentialFilter,
  CredentialOrder,
  EnrollmentFilter,
  EnrollmentOrder,
  StatsFilter,
} from '../../schema/model/inputs.js';
import type { LearningStats } from '../../schema/model/learningStats.js';
import { catalogueClass, courseVisible, recordRead, requirePersonalAccess } from './access.js';
import type { AgencyContext } from './context.js';
import { selectCourses } from './courseFilter.js';
import { type Keyed, pageOf, paginate, sortByKey } from './paging.js';
import { courseSortKey, credentialSortKey, enrollmentSortKey, isDescending } from './sortKeys.js';
import { type CourseView, type CredentialView, courseView, type EnrollmentView } from './views.js';

/**
 * A catalogue source (an OER repository, an external platform's catalogue) holds no learner accounts:
 * asked about a person, its true answer is "none", not an LMS capability it lacks (LMS_UNSUPPORTED would
 * put an error on every transcript query across agencies). The row-level rules still apply first.
 */
export function holdsNoPeople(ctx: AgencyContext): boolean {
  if (ctx.adapter.category === 'LMS' || ctx.adapter.capabilities.has('learners')) return false;
  requirePersonalAccess(ctx);
  return true;
}

export interface PageInput {
  readonly first?: number | null | undefined;
  readonly after?: string | null | undefined;
}

const within = (date: Date | null, from?: Date, to?: Date) =>
  (!from && !to) || (date !== null && (!from || date >= from) && (!to || date <= to));

export async function listCourses(
  ctx: AgencyContext,
  filter: CourseFilter | undefined,
  order: CourseOrder | undefined,
  page: PageInput,
): Promise<Connection<CourseView>> {
  requireCapability(ctx.adapter, 'courses', ctx.agency.code);
  const descending = isDescending(order?.direction);
  const sorted = await sortedCourses(ctx, filter, order?.field ?? CourseOrderField.TITLE, descending);
  const connection = pageOf(sorted, { ...page, descending });
  // The page's courses, for fields of this request that reach them again by id; the rest of a long
  // catalogue is not worth a map entry per request.
  for (const { node } of connection.edges) ctx.courses.prime(node.localId, node);
  return connection;
}

/**
 * The courses a listing shows this caller, in order: from the subgraph's catalogue cache when the same
 * list (filter, order, and the caller's visibility class) was built within its TTL, else read from the
 * adapter inside this request's scope (its LMS budget and abort apply) and remembered.
 */
async function sortedCourses(
  ctx: AgencyContext,
  filter: CourseFilter | undefined,
  field: CourseOrderField,
  descending: boolean,
): Promise<readonly Keyed<CourseView>[]> {
  const key = ctx.catalogue
    ? [ctx.agency.code, catalogueClass(ctx), field, descending, JSON.stringify(filter ?? null)].join('\n')
    : undefined;
  const cached = key !== undefined ? ctx.catalogue?.get(key) : undefined;
  if (cached) return cached;
  const records = await selectCourses(ctx, filter);
  const views = records
    .filter((r) => courseVisible(ctx, r.visibility))
    .map((r) => courseView(ctx.agency.code, r, ctx.adapter.category));
  const sorted = sortByKey(views, courseSortKey(field), descending);
  if (key !== undefined) ctx.catalogue?.set(key, sorted);
  return sorted;
}

export async function listEnrollments(
  ctx: AgencyContext,
  scope: EnrollmentScope,
  filter: Omit<EnrollmentFilter, 'agencies' | 'learner' | 'courseId'> | undefined,
  order: EnrollmentOrder | undefined,
  page: PageInput,
  /** Row-level rule: whose enrolments the caller may read. */
  visible: (learnerLocalId: string) => boolean,
): Promise<Connection<EnrollmentView>> {
  requireCapability(
    ctx.adapter,
    'learnerLocalIds' in scope ? 'enrollments.byLearner' : 'enrollments.byCourse',
    ctx.agency.code,
  );
  const all =
    'learnerLocalIds' in scope
      ? (await ctx.enrollmentsByLearner.loadMany(scope.learnerLocalIds)).flatMap((entry) => {
          if (entry instanceof Error) throw entry;
          return entry;
        })
      : await ctx.enrollmentsByCourse.load(scope.courseLocalId);
  const views = all.filter(
    (e) =>
      visible(e.learnerLocalId) &&
      (!filter?.statuses?.length || filter.statuses.includes(e.status)) &&
      within(e.enrolledAt, filter?.enrolledFrom, filter?.enrolledTo) &&
      within(e.completedAt, filter?.completedFrom, filter?.completedTo),
  );
  for (const view of views) ctx.enrollments.prime(view.localId, view);
  const connection = paginate(views, enrollmentSortKey(order?.field ?? EnrollmentOrderField.ENROLLED_AT), {
    ...page,
    descending: isDescending(order?.direction),
  });
  for (const edge of connection.edges) recordRead(ctx, edge.node.learnerLocalId);
  return connection;
}

export async function listCredentials(
  ctx: AgencyContext,
  learnerLocalIds: readonly string[],
  filter: Omit<CredentialFilter, 'agencies' | 'learner'> | undefined,
  order: CredentialOrder | undefined,
  page: PageInput,
  visible: (learnerLocalId: string) => boolean,
): Promise<Connection<CredentialView>> {
  requireCapability(ctx.adapter, 'credentials', ctx.agency.code);
  const perLearner = await ctx.credentialsByLearner.loadMany(learnerLocalIds);
  const views = perLearner
    .flatMap((entry) => {
      if (entry instanceof Error) throw entry;
      return entry;
    })
    .filter(
      (c) =>
        visible(c.learnerLocalId) &&
        (!filter?.kinds?.length || filter.kinds.includes(c.kind)) &&
        within(c.issuedAt, filter?.issuedFrom, filter?.issuedTo),
    );
  for (const view of views) ctx.credentials.prime(view.localId, view);
  const connection = paginate(views, credentialSortKey(order?.field ?? CredentialOrderField.ISSUED_AT), {
    ...page,
    descending: isDescending(order?.direction),
  });
  for (const edge of connection.edges) recordRead(ctx, edge.node.learnerLocalId);
  return connection;
}

export async function learningStats(ctx: AgencyContext, filter: StatsFilter | undefined): Promise<LearningStats> {
  requireCapability(ctx.adapter, 'stats', ctx.agency.code);
  const stats = await ctx.adapter.getStats({
    ...(filter?.sdgs ? { sdgs: filter.sdgs } : {}),
    ...(filter?.from ? { from: filter.from } : {}),
    ...(filter?.to ? { to: filter.to } : {}),
  });
  const raw: LearningStats = {
    ...stats,
    completionRate: stats.enrollmentCount > 0 ? stats.completedCount / stats.enrollmentCount : null,
    agencies: [ctx.agency],
  };
  // Through the gateway the raw counts are summed first and the gateway withholds small ones from the
  // total; a direct caller gets this agency's counts with small ones withheld here.
  return ctx.access.viaGateway ? raw : suppressSmallCounts(raw, DEFAULT_SUPPRESSION_THRESHOLD);
}

export const emptyConnection = <T>(): Connection<T> => ({
  edges: [],
  totalCount: 0,
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
});

export const emptyStats = (): LearningStats => ({
  courseCount: 0,
  learnerCount: 0,
  enrollmentCount: 0,
  completedCount: 0,
  inProgressCount: 0,
  failedCount: 0,
  withdrawnCount: 0,
  credentialCount: 0,
  completionRate: null,
  agencies: [],
});
