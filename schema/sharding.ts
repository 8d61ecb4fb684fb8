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

/**
 * Public id lists the gateway follows from the registry together with its agency directory (polled,
 * cached, kept when the registry cannot be read): the registry query that answers one list per value of
 * its argument, and those values.
 */
export const REGISTRY_ID_LISTS = {
  // The values of the CurationStatus enum (a unit test keeps them equal; this file stays free of type-graphql).
  curatedCourseIds: { argument: 'status', values: ['PROPOSED', 'RECOMMENDED', 'RETIRED'] },
} as const satisfies Readonly<Record<string, { readonly argument: string; readonly values: readonly string[] }>>;

export type RegistryIdList = keyof typeof REGISTRY_ID_LISTS;

/**
 * An argument agencies cannot answer (they do not hold the data), turned by the gateway into one they
 * can: the client's value at `from` names a registry id list; each target agency receives, at `into`,
 * only its own ids from that list (intersected with any ids the client gave there), agencies with none
 * are not asked, and `from` is removed. Paging and `totalCount` stay exact, because each agency filters,
 * sorts and counts exactly as for any filter. `from` and `into` lie in the same top-level argument, of
 * the input type `inputType` (the gateway sends agencies that argument as a variable of this type).
 */
export interface AllowListRewrite {
  readonly from: ArgPath;
  readonly into: ArgPath;
  readonly inputType: string;
  readonly list: RegistryIdList;
}

export type ShardingStrategy =
  | {
      readonly kind: 'CONNECTION';
      readonly agenciesArg?: ArgPath;
      readonly routeBy?: RouteKey;
      readonly allowList?: AllowListRewrite;
    }
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
  courses: {
    kind: 'CONNECTION',
    agenciesArg: ['filter', 'agencies'],
    // Curation lives in the registry: `filter.curation` becomes each agency's curated ids in `filter.ids`.
    allowList: {
      from: ['filter', 'curation'],
      into: ['filter', 'ids'],
      inputType: 'CourseFilter',
      list: 'curatedCourseIds',
    },
  },
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
  liveLearningStats: {
    kind: 'SUM',
    agenciesArg: ['filter', 'agencies'],
    ratios: { completionRate: ['completedCount', 'enrollmentCount'] },
  },
};
