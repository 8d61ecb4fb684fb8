/**
 * How the gateway merges each root field of the learning contract across agencies (DESIGN.md §2).
 * A test fails when a root field of `schema/learning.graphql` has no entry here.
 *
 * - CONNECTION: k-way merge of the agencies' sorted pages; composite cursor; `totalCount` summed.
 * - LIST: concatenation in agency-code order.
 * - SUM: numeric fields added, lists concatenated; `ratios` recomputed from the summed numerator and denominator.
 * - ROUTE: exactly one agency, named by an argument (a global id or an agency code).
 */
export type ArgPath = readonly string[];

/** Where the owning agency of a ROUTE field (or a routed connection) is found. */
export interface RouteKey {
  readonly path: ArgPath;
  readonly as: 'globalId' | 'agencyCode';
}

export type ShardingStrategy =
  | { readonly kind: 'CONNECTION'; readonly agenciesArg?: ArgPath; readonly routeBy?: RouteKey }
  | { readonly kind: 'LIST'; readonly agenciesArg?: ArgPath }
  | {
      readonly kind: 'SUM';
      readonly agenciesArg?: ArgPath;
      /** Rate field → [numerator field, denominator field]. */
      readonly ratios: Readonly<Record<string, readonly [string, string]>>;
    }
  | { readonly kind: 'ROUTE'; readonly routeBy: RouteKey };

export const ROOT_FIELD_STRATEGIES: Readonly<Record<string, ShardingStrategy>> = {
  agencies: { kind: 'LIST' },
  agency: { kind: 'ROUTE', routeBy: { path: ['code'], as: 'agencyCode' } },
  courses: { kind: 'CONNECTION', agenciesArg: ['filter', 'agencies'] },
  course: { kind: 'ROUTE', routeBy: { path: ['id'], as: 'globalId' } },
  learners: { kind: 'LIST' },
  enrollments: {
    kind: 'CONNECTION',
    agenciesArg: ['filter', 'agencies'],
    routeBy: { path: ['filter', 'courseId'], as: 'globalId' },
  },
  credentials: { kind: 'CONNECTION', agenciesArg: ['filter', 'agencies'] },
  /** The learning contract's one mutation (issue 14): routed to the recognising agency named in its input. */
  recordExternalLearning: { kind: 'ROUTE', routeBy: { path: ['input', 'agency'], as: 'agencyCode' } },
  learningStats: {
    kind: 'SUM',
    agenciesArg: ['filter', 'agencies'],
    ratios: { completionRate: ['completedCount', 'enrollmentCount'] },
  },
};
