import type { LmsKind } from '../../schema/lmsKind.js';
import type { AdapterDeps, AdapterImplementation, LmsAdapter, LmsCapability } from './adapter.js';
import type { AdapterDescriptor, SourceCategory } from './descriptor.js';
import { LmsError } from './errors.js';
import { normaliseEmail } from './query.js';

/** The operations an implementation must have for each capability it declares. */
const OPERATIONS: Readonly<Record<LmsCapability, readonly (keyof AdapterImplementation)[]>> = {
  courses: ['getCourses', 'listCourses'],
  learners: ['getLearners', 'findLearners'],
  'enrollments.byLearner': ['getEnrollments', 'listEnrollments'],
  'enrollments.byCourse': ['listEnrollments'],
  'enrollments.changes': ['listEnrollmentChanges'],
  credentials: ['getCredentials', 'listCredentials'],
  stats: ['getStats'],
  'recognitions.write': ['recordExternalLearning'],
  evaluations: ['listCourseEvaluations'],
};

/**
 * The error every undeclared capability answers, naming the agency and kind, and why when the descriptor
 * says (`unsupported`: Moodle has no web-service function that records external learning, for instance).
 */
export function unsupportedError(capability: string, agency: string, kind: LmsKind, why?: string): LmsError {
  return new LmsError('LMS_UNSUPPORTED', why ?? `This agency's LMS does not support ${capability}.`, {
    agency,
    lmsKind: kind,
  });
}

/**
 * For callers that must refuse before doing other work (the agency subgraph checks before it looks
 * learners up): throws what the adapter itself would answer for an undeclared capability.
 */
export function requireCapability(adapter: LmsAdapter, capability: LmsCapability, agency: string): void {
  if (!adapter.capabilities.has(capability)) {
    throw unsupportedError(capability, agency, adapter.kind, adapter.unsupported?.[capability]);
  }
}

/**
 * The adapter factory: builds an adapter from its descriptor (built-in or home-grown) and wraps it once.
 * Every adapter anyone uses comes from here.
 */
export function createAdapter<C>(descriptor: AdapterDescriptor<C>, config: C, deps: AdapterDeps): LmsAdapter {
  return wrapAdapter(descriptor, descriptor.connect(config, deps), deps.agency);
}

/**
 * What every adapter needs, applied in one place (see `AdapterImplementation`): declared capabilities
 * checked, the error boundary, batch reads answered in input order, query normalisation. Cross-cutting
 * behaviour that every adapter call should get belongs in `call` below, not in the adapters.
 * Exported for tests that build an implementation with injected parts; use `createAdapter` otherwise.
 */
export function wrapAdapter(
  source: {
    readonly kind: LmsKind;
    readonly capabilities: ReadonlySet<LmsCapability>;
    /** @default 'LMS' */
    readonly category?: SourceCategory;
    readonly unsupported?: Partial<Readonly<Record<LmsCapability, string>>>;
  },
  implementation: AdapterImplementation,
  agency: string,
): LmsAdapter {
  const { kind } = source;
  const category = source.category ?? 'LMS';
  const capabilities: ReadonlySet<LmsCapability> = new Set(source.capabilities);
  const missing = [...capabilities].flatMap((capability) =>
    OPERATIONS[capability]
      .filter((operation) => typeof implementation[operation] !== 'function')
      .map((operation) => `${capability} needs ${operation}`),
  );
  if (missing.length > 0) {
    throw new TypeError(`The ${kind} adapter declares capabilities it does not implement: ${missing.join('; ')}.`);
  }

  const unsupported = (capability: string) =>
    unsupportedError(capability, agency, kind, source.unsupported?.[capability as LmsCapability]);

  /**
   * One adapter operation: refused with LMS_UNSUPPORTED when its capability is not declared, and run
   * inside the error boundary, so failures leave as an `LmsError` naming the agency and kind; anything
   * that is not one already was an answer the adapter could not read (LMS_BAD_RESPONSE).
   */
  async function call<T>(capability: LmsCapability | null, work: () => Promise<T> | undefined): Promise<T> {
    if (capability !== null && !capabilities.has(capability)) throw unsupported(capability);
    try {
      const pending = work();
      if (pending === undefined) throw unsupported(capability ?? 'this operation');
      return await pending;
    } catch (error) {
      const lmsError =
        error instanceof LmsError
          ? error
          : new LmsError('LMS_BAD_RESPONSE', 'The LMS answered with data the adapter could not read.', {
              cause: error,
            });
      throw lmsError.withSource(agency, kind);
    }
  }

  /** Batch-first reads: distinct ids in, answers back in input order with null for the missing. */
  async function batch<T extends { readonly localId: string }>(
    capability: LmsCapability,
    ids: readonly string[],
    read: (unique: readonly string[]) => Promise<ReadonlyArray<T | null>> | undefined,
  ): Promise<Array<T | null>> {
    if (!capabilities.has(capability)) throw unsupported(capability);
    if (ids.length === 0) return [];
    const answered = await call(capability, () => read([...new Set(ids)]));
    const found = new Map<string, T>();
    for (const record of answered) if (record) found.set(record.localId, record);
    return ids.map((id) => found.get(id) ?? null);
  }

  const distinct = (ids: readonly string[]) => [...new Set(ids)];

  return {
    kind,
    category,
    capabilities,
    ...(source.unsupported ? { unsupported: source.unsupported } : {}),
    getCourses: (ids) => batch('courses', ids, (unique) => implementation.getCourses?.(unique)),
    listCourses: (query) => call('courses', () => implementation.listCourses?.(query)),
    getLearners: (ids) => batch('learners', ids, (unique) => implementation.getLearners?.(unique)),
    findLearners: async (match) => {
      if (!capabilities.has('learners')) throw unsupported('learners');
      // The one place the e-mail case rule is applied (records.ts, LearnerMatchQuery).
      const email = match.email?.trim() ? normaliseEmail(match.email) : undefined;
      const indexNumber = match.indexNumber?.trim() || undefined;
      if (!email && !indexNumber) return [];
      return call('learners', () =>
        implementation.findLearners?.({ ...(indexNumber ? { indexNumber } : {}), ...(email ? { email } : {}) }),
      );
    },
    ...(implementation.listLearnerIds
      ? { listLearnerIds: () => call('enrollments.byLearner', () => implementation.listLearnerIds?.()) }
      : {}),
    getEnrollments: (ids) => batch('enrollments.byLearner', ids, (unique) => implementation.getEnrollments?.(unique)),
    listEnrollments: async (scope) => {
      if ('courseLocalId' in scope) return call('enrollments.byCourse', () => implementation.listEnrollments?.(scope));
      if ('courseLocalIds' in scope) {
        if (!capabilities.has('enrollments.byCourse')) throw unsupported('enrollments.byCourse');
        const courseLocalIds = distinct(scope.courseLocalIds);
        if (courseLocalIds.length === 0) return [];
        if (implementation.listEnrollmentsOfCourses) {
          return call('enrollments.byCourse', () => implementation.listEnrollmentsOfCourses?.(courseLocalIds));
        }
        const lists = await Promise.all(
          courseLocalIds.map((courseLocalId) =>
            call('enrollments.byCourse', () => implementation.listEnrollments?.({ courseLocalId })),
          ),
        );
        return lists.flat();
      }
      if (!capabilities.has('enrollments.byLearner')) throw unsupported('enrollments.byLearner');
      if (scope.learnerLocalIds.length === 0) return [];
      const learnerLocalIds = distinct(scope.learnerLocalIds);
      return call('enrollments.byLearner', () => implementation.listEnrollments?.({ learnerLocalIds }));
    },
    listEnrollmentChanges: async (window) => {
      if (!capabilities.has('enrollments.changes')) throw unsupported('enrollments.changes');
      if (!(window.since.getTime() < window.until.getTime())) return [];
      const changed = await call('enrollments.changes', () => implementation.listEnrollmentChanges?.(window));
      // One record per local id: the last one the LMS answered (windows and pages may overlap).
      return [...new Map(changed.map((e) => [e.localId, e] as const)).values()];
    },
    getCredentials: (ids) => batch('credentials', ids, (unique) => implementation.getCredentials?.(unique)),
    listCredentials: async (learnerLocalIds) => {
      if (!capabilities.has('credentials')) throw unsupported('credentials');
      if (learnerLocalIds.length === 0) return [];
      return call('credentials', () => implementation.listCredentials?.(distinct(learnerLocalIds)));
    },
    getStats: (query) => call('stats', () => implementation.getStats?.(query)),
    recordExternalLearning: (request) =>
      call('recognitions.write', () => implementation.recordExternalLearning?.(request)),
    listCourseEvaluations: async (courseLocalIds) => {
      if (!capabilities.has('evaluations')) throw unsupported('evaluations');
      if (courseLocalIds.length === 0) return [];
      return call('evaluations', () => implementation.listCourseEvaluations?.(distinct(courseLocalIds)));
    },
    healthCheck: (signal) => call(null, () => implementation.healthCheck(signal)),
    dispose: async () => {
      await implementation.dispose?.();
    },
  };
}
