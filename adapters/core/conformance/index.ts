import { Keyv } from 'keyv';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../schema/config/load.js';
import { EnrollmentStatus } from '../../../schema/model/enums.js';
import { LMS_CAPABILITIES, type LmsAdapter, type LmsCapability } from '../adapter.js';
import type { AdapterDescriptor } from '../descriptor.js';
import { LMS_ERROR_CODES, LmsError } from '../errors.js';
import { createAdapter } from '../factory.js';

/**
 * What the conformance kit needs to know about the upstream behind an adapter. Usually a simulator started
 * in-process; an agency with a home-grown LMS can point it at a test instance of its own.
 */
export interface ConformanceHarness {
  /**
   * The adapter's settings (the agency config's `lms` section, without `module`) for the upstream as it is
   * now: asked again for every adapter the kit creates, so `breakUpstream('unauthenticated')` can hand out
   * a credential the upstream rejects.
   */
  settings(): Readonly<Record<string, unknown>>;
  /** Data known to exist upstream. */
  readonly known: {
    /** At least two course local ids. */
    readonly courseIds: readonly string[];
    readonly missingCourseId: string;
    /** A learner with at least one enrolment and one credential (where those capabilities are declared). */
    readonly learner: { readonly localId: string; readonly email: string };
    readonly missingLearnerId: string;
    /**
     * An account whose address the upstream stores with capitals (`email` as stored), to check that it is
     * found whatever case the caller uses. The check is skipped without it.
     */
    readonly mixedCaseLearner?: { readonly localId: string; readonly email: string };
    /** An enrolment in a course hidden from learners (retired, draft): it belongs on the transcript. */
    readonly hiddenCourseEnrollment?: KnownEnrollment;
    /** A suspended or ended enrolment: on the transcript, as WITHDRAWN. */
    readonly inactiveEnrollment?: KnownEnrollment;
    /**
     * A course with more enrolments than one upstream page under `settings()`, and how many it has: its
     * enrolments must come back exactly, each once.
     */
    readonly largeCourse?: { readonly localId: string; readonly enrollments: number };
    /** How many enrolments the upstream holds in all, for the statistics to match. */
    readonly totals?: { readonly enrollments: number };
    /** Courses with at least one evaluation response (where `evaluations` is declared). */
    readonly evaluatedCourseIds?: readonly string[];
  };
  /** Calls the upstream has received so far. */
  upstreamCalls(): number;
  /**
   * The upstream takes no credential (a public catalogue): the rejected-credentials test is reported as
   * skipped, and `breakUpstream` is never asked for 'unauthenticated'. @default false
   */
  readonly credentialless?: boolean;
  /** Makes the upstream fail until `restore()`: down (HTTP 503) or with credentials it rejects. */
  breakUpstream(mode: 'down' | 'unauthenticated'): Promise<void> | void;
  restore(): Promise<void> | void;
  close?(): Promise<void>;
}

export interface KnownEnrollment {
  readonly learnerLocalId: string;
  readonly courseLocalId: string;
}

/** Time for checks that read every course or every learner. */
const HEAVY_MS = 120_000;

const MAX_PAGES_HINT = 'an adapter must walk the upstream paging to its end and then stop';
const AGENCY = 'conformance';

/**
 * The adapter contract every adapter must pass (DESIGN.md §4, STYLE.md B5), run against adapters made by
 * the factory from `descriptor`, exactly as `convergence agency` makes them: batch order and nulls, coded
 * errors with honest retryable flags, terminating paging, no upstream call on a cache hit, the e-mail case
 * rule (records.ts), and LMS_UNSUPPORTED for what is not declared. The groups of capabilities the
 * descriptor does not declare are reported as skipped.
 */
export function defineLmsAdapterContract(
  descriptor: AdapterDescriptor,
  setup: () => Promise<ConformanceHarness>,
): void {
  const declares = (capability: LmsCapability) => descriptor.capabilities.has(capability);
  const undeclared = LMS_CAPABILITIES.filter((capability) => !declares(capability));

  describe(`LmsAdapter contract: ${descriptor.title} (${descriptor.kind})`, () => {
    let harness: ConformanceHarness;
    let adapter: LmsAdapter;
    const adapters: LmsAdapter[] = [];
    const fresh = () => {
      const config = validateConfig(descriptor.configSchema, harness.settings(), 'lms');
      const created = createAdapter(descriptor, config, {
        agency: AGENCY,
        logger: pino({ level: 'silent' }),
        // A cache of its own per adapter: "fresh" means nothing cached yet.
        cache: new Keyv({ namespace: `${AGENCY}:${descriptor.kind}:${adapters.length}` }),
      });
      adapters.push(created);
      return created;
    };
    const rejection = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    beforeAll(async () => {
      harness = await setup();
      adapter = fresh();
    });
    afterEach(async () => {
      await harness.restore();
    });
    afterAll(async () => {
      await Promise.all(adapters.map((a) => a.dispose()));
      await harness.close?.();
    });

    describe.skipIf(!declares('courses'))('courses', () => {
      it('returns batch reads in input order with null for missing ids', async () => {
        const [a, b] = harness.known.courseIds;
        const ids = [b!, harness.known.missingCourseId, a!, b!];
        const courses = await adapter.getCourses(ids);
        expect(courses).toHaveLength(4);
        expect(courses.map((c) => c?.localId ?? null)).toEqual([b, null, a, b]);
      });

      it('answers an empty batch without calling the upstream', async () => {
        const before = harness.upstreamCalls();
        expect(await fresh().getCourses([])).toEqual([]);
        expect(harness.upstreamCalls()).toBe(before);
      });

      it('lists the whole catalogue, terminating, with unique ids that batch reads agree with', async () => {
        const all = await adapter.listCourses({});
        const ids = all.map((c) => c.localId);
        expect(new Set(ids).size, MAX_PAGES_HINT).toBe(ids.length);
        for (const known of harness.known.courseIds) expect(ids).toContain(known);
        const again = await adapter.getCourses(ids.slice(0, 3));
        expect(again.map((c) => c?.title)).toEqual(all.slice(0, 3).map((c) => c.title));
      });

      it('keeps SDGs within 1–17 and progress-free canonical fields well formed', async () => {
        for (const course of await adapter.listCourses({})) {
          for (const sdg of course.sdgs) expect(sdg).toBeGreaterThanOrEqual(1);
          for (const sdg of course.sdgs) expect(sdg).toBeLessThanOrEqual(17);
          expect(course.title.length).toBeGreaterThan(0);
          if (course.updatedAt) expect(Number.isNaN(course.updatedAt.getTime())).toBe(false);
        }
      });

      it('serves a repeated catalogue read from its cache without calling the upstream', async () => {
        const cachedAdapter = fresh();
        await cachedAdapter.listCourses({});
        const before = harness.upstreamCalls();
        await cachedAdapter.listCourses({});
        expect(harness.upstreamCalls()).toBe(before);
      });
    });

    describe.skipIf(!declares('learners'))('learners', () => {
      it('finds a learner by e-mail whatever case and spacing the caller used (records.ts)', async () => {
        const shouted = `  ${harness.known.learner.email.toUpperCase()} `;
        const found = await adapter.findLearners({ email: shouted });
        expect(found.map((l) => l.localId)).toContain(harness.known.learner.localId);
      });

      it('finds an account stored with capitals by its address in lower, stored and upper case', async ({ skip }) => {
        const stored = harness.known.mixedCaseLearner ?? skip('the harness names no known.mixedCaseLearner');
        expect(stored.email, 'known.mixedCaseLearner.email must have capitals').not.toBe(stored.email.toLowerCase());
        for (const email of [stored.email.toLowerCase(), stored.email, stored.email.toUpperCase()]) {
          const found = await adapter.findLearners({ email });
          expect(
            found.map((l) => l.localId),
            email,
          ).toContain(stored.localId);
        }
      });

      it('returns learner batch reads in order with null for missing ids', async () => {
        const learners = await adapter.getLearners([harness.known.missingLearnerId, harness.known.learner.localId]);
        expect(learners.map((l) => l?.localId ?? null)).toEqual([null, harness.known.learner.localId]);
      });
    });

    describe.skipIf(!declares('enrollments.byLearner'))('enrollments by learner', () => {
      it("lists a learner's enrolments, each readable by id", async () => {
        const list = await adapter.listEnrollments({ learnerLocalIds: [harness.known.learner.localId] });
        expect(list.length).toBeGreaterThan(0);
        expect(new Set(list.map((e) => e.localId)).size).toBe(list.length);
        for (const e of list) expect(e.learnerLocalId).toBe(harness.known.learner.localId);
        const byId = await adapter.getEnrollments([list[0]!.localId, 'no-such-enrollment']);
        expect(byId[0]?.localId).toBe(list[0]!.localId);
        expect(byId[1]).toBeNull();
      });

      it('keeps enrolments in hidden courses and inactive ones on the transcript, each readable by id', async ({
        skip,
      }) => {
        const { hiddenCourseEnrollment: hidden, inactiveEnrollment: inactive } = harness.known;
        if (!hidden && !inactive) skip('the harness names no known.hiddenCourseEnrollment or known.inactiveEnrollment');
        for (const known of [hidden, inactive].filter((k): k is KnownEnrollment => k !== undefined)) {
          const list = await adapter.listEnrollments({ learnerLocalIds: [known.learnerLocalId] });
          const found = list.find((e) => e.courseLocalId === known.courseLocalId);
          expect(found, `course ${known.courseLocalId} on the transcript of ${known.learnerLocalId}`).toBeDefined();
          const [again] = await fresh().getEnrollments([found!.localId]);
          expect(again?.courseLocalId).toBe(known.courseLocalId);
          if (known === inactive) expect(found?.status).toBe(EnrollmentStatus.WITHDRAWN);
        }
      });

      it('answers an unknown learner with no enrolments, not an error', async () => {
        expect(await adapter.listEnrollments({ learnerLocalIds: [harness.known.missingLearnerId] })).toEqual([]);
      });
    });

    describe.skipIf(!declares('enrollments.byCourse'))('enrollments by course', () => {
      it("lists a course's enrolments, each naming that course, and none for an unknown course", async () => {
        let listed = 0;
        for (const courseLocalId of harness.known.courseIds) {
          const list = await adapter.listEnrollments({ courseLocalId });
          listed += list.length;
          expect(new Set(list.map((e) => e.localId)).size).toBe(list.length);
          for (const e of list) expect(e.courseLocalId).toBe(courseLocalId);
        }
        expect(listed, 'the known courses should have enrolments').toBeGreaterThan(0);
        expect(await adapter.listEnrollments({ courseLocalId: harness.known.missingCourseId })).toEqual([]);
      });

      it('answers a course with more enrolments than one upstream page exactly, each once', async ({ skip }) => {
        const large = harness.known.largeCourse ?? skip('the harness names no known.largeCourse');
        const list = await adapter.listEnrollments({ courseLocalId: large.localId });
        expect(new Set(list.map((e) => e.localId)).size).toBe(list.length);
        expect(list).toHaveLength(large.enrollments);
      });

      it("lists hidden-course and inactive enrolments among their course's", async ({ skip }) => {
        const { hiddenCourseEnrollment: hidden, inactiveEnrollment: inactive } = harness.known;
        if (!hidden && !inactive) skip('the harness names no known.hiddenCourseEnrollment or known.inactiveEnrollment');
        for (const known of [hidden, inactive].filter((k): k is KnownEnrollment => k !== undefined)) {
          const list = await adapter.listEnrollments({ courseLocalId: known.courseLocalId });
          expect(list.map((e) => e.learnerLocalId)).toContain(known.learnerLocalId);
        }
      });
    });

    describe.skipIf(!declares('enrollments.changes'))('enrollment changes', () => {
      it('answers a window before any record with none, and a recent one with distinct, complete records', async () => {
        const old = { since: new Date('1990-01-01T00:00:00Z'), until: new Date('1990-01-03T00:00:00Z') };
        expect(await adapter.listEnrollmentChanges(old)).toEqual([]);
        const now = Date.now();
        const recent = await adapter.listEnrollmentChanges({
          since: new Date(now - 3 * 86_400_000),
          until: new Date(now),
        });
        expect(new Set(recent.map((e) => e.localId)).size).toBe(recent.length);
        for (const e of recent) {
          expect(e.learnerLocalId).not.toBe('');
          expect(e.courseLocalId).not.toBe('');
        }
      });

      it('answers an empty or reversed window with no records', async () => {
        const at = new Date();
        expect(await adapter.listEnrollmentChanges({ since: at, until: at })).toEqual([]);
      });
    });

    describe.skipIf(!declares('credentials'))('credentials', () => {
      it("lists a learner's credentials, each readable by id", async () => {
        const list = await adapter.listCredentials([harness.known.learner.localId]);
        expect(list.length).toBeGreaterThan(0);
        const byId = await adapter.getCredentials([list[0]!.localId]);
        expect(byId[0]?.title).toBe(list[0]!.title);
      });
    });

    describe.skipIf(!declares('recognitions.write'))('recognitions.write', () => {
      it('records learning once per idempotency key, and the record joins the learner’s enrolments', async () => {
        const request = {
          learnerLocalId: harness.known.learner.localId,
          idempotencyKey: `conformance-${Date.now().toString(36)}`,
          title: 'Conformance — recognised learning',
          provider: 'Convergence conformance kit',
          completedAt: new Date(Math.floor(Date.now() / 1000) * 1000 - 86_400_000),
          recognisedAs: { kind: 'CREDIT_HOURS', hours: 3 } as const,
          hours: 3,
        };
        const first = await adapter.recordExternalLearning(request);
        const again = await fresh().recordExternalLearning(request);
        expect(first.created).toBe(true);
        expect(again).toEqual({ enrollmentLocalId: first.enrollmentLocalId, created: false });
        if (declares('enrollments.byLearner')) {
          const list = await fresh().listEnrollments({ learnerLocalIds: [harness.known.learner.localId] });
          expect(list.filter((e) => e.localId === first.enrollmentLocalId)).toHaveLength(1);
        }
      });
    });

    describe.skipIf(!declares('evaluations'))('evaluations', () => {
      it('answers anonymous 1–5 ratings of the courses asked, each response once', async () => {
        const asked = harness.known.evaluatedCourseIds ?? harness.known.courseIds;
        const list = await adapter.listCourseEvaluations([...asked, harness.known.missingCourseId]);
        if (harness.known.evaluatedCourseIds) expect(list.length).toBeGreaterThan(0);
        expect(new Set(list.map((e) => e.responseLocalId)).size).toBe(list.length);
        for (const evaluation of list) {
          expect(asked).toContain(evaluation.courseLocalId);
          expect(evaluation.rating).toBeGreaterThanOrEqual(1);
          expect(evaluation.rating).toBeLessThanOrEqual(5);
          // Nothing that names the learner: the record has these four fields and no other.
          expect(Object.keys(evaluation).sort()).toEqual(['answeredAt', 'courseLocalId', 'rating', 'responseLocalId']);
        }
        expect(await adapter.listCourseEvaluations([])).toEqual([]);
      });
    });

    describe.skipIf(!declares('stats'))('stats', () => {
      it(
        'counts consistently: completed + in progress + failed + withdrawn ≤ enrolments',
        async () => {
          const stats = await adapter.getStats({});
          const parts = stats.completedCount + stats.inProgressCount + stats.failedCount + stats.withdrawnCount;
          expect(parts).toBeLessThanOrEqual(stats.enrollmentCount);
          expect(stats.courseCount).toBeGreaterThan(0);
        },
        HEAVY_MS,
      );

      it(
        'counts every enrolment the upstream holds, hidden courses and inactive enrolments included',
        async ({ skip }) => {
          const totals = harness.known.totals ?? skip('the harness names no known.totals');
          expect((await adapter.getStats({})).enrollmentCount).toBe(totals.enrollments);
        },
        HEAVY_MS,
      );

      it.skipIf(!declares('enrollments.byCourse') || !declares('courses'))(
        "counts as many enrolments as the courses' own lists hold",
        async () => {
          const courses = await adapter.listCourses({});
          const perCourse = await Promise.all(
            courses.map((c) => adapter.listEnrollments({ courseLocalId: c.localId })),
          );
          const stats = await adapter.getStats({});
          expect(stats.enrollmentCount).toBe(perCourse.reduce((sum, list) => sum + list.length, 0));
          expect(stats.courseCount).toBe(courses.length);
        },
        // Every course's enrolments: many upstream calls on a real LMS, or a busy machine.
        HEAVY_MS,
      );
    });

    describe.skipIf(undeclared.length === 0)('undeclared capabilities', () => {
      it(`answer LMS_UNSUPPORTED naming agency and kind, without calling the upstream (${undeclared.join(', ')})`, async () => {
        const calls: Record<LmsCapability, () => Promise<unknown>> = {
          courses: () => adapter.listCourses({}),
          learners: () => adapter.findLearners({ email: harness.known.learner.email }),
          'enrollments.byLearner': () => adapter.listEnrollments({ learnerLocalIds: [harness.known.learner.localId] }),
          'enrollments.byCourse': () => adapter.listEnrollments({ courseLocalId: harness.known.courseIds[0]! }),
          'enrollments.changes': () =>
            adapter.listEnrollmentChanges({ since: new Date(Date.now() - 3_600_000), until: new Date() }),
          credentials: () => adapter.listCredentials([harness.known.learner.localId]),
          stats: () => adapter.getStats({}),
          'recognitions.write': () =>
            adapter.recordExternalLearning({
              learnerLocalId: harness.known.learner.localId,
              idempotencyKey: 'conformance-undeclared',
              title: 'Conformance check',
              provider: 'Convergence',
              completedAt: new Date(0),
              recognisedAs: { kind: 'CREDIT_HOURS', hours: 1 },
              hours: 1,
            }),
          evaluations: () => adapter.listCourseEvaluations(harness.known.courseIds),
        };
        const before = harness.upstreamCalls();
        for (const capability of undeclared) {
          const error = await rejection(calls[capability]());
          expect(error, capability).toBeInstanceOf(LmsError);
          expect(error, capability).toMatchObject({
            code: 'LMS_UNSUPPORTED',
            agency: AGENCY,
            lmsKind: descriptor.kind,
          });
        }
        expect(harness.upstreamCalls()).toBe(before);
      });
    });

    describe('errors', () => {
      const expectLmsError = async (promise: Promise<unknown>, codes: readonly string[], retryable: boolean) => {
        const error = await rejection(promise);
        expect(error).toBeInstanceOf(LmsError);
        const lmsError = error as LmsError;
        expect(LMS_ERROR_CODES).toContain(lmsError.code);
        expect(codes).toContain(lmsError.code);
        expect(lmsError.retryable).toBe(retryable);
        expect(lmsError).toMatchObject({ agency: AGENCY, lmsKind: descriptor.kind });
        return lmsError;
      };

      it.skipIf(!declares('courses'))('reports an unreachable LMS as LMS_UNAVAILABLE, retryable', async () => {
        await harness.breakUpstream('down');
        await expectLmsError(fresh().listCourses({}), ['LMS_UNAVAILABLE'], true);
      });

      it.skipIf(!declares('courses'))(
        'reports rejected credentials as LMS_UNAUTHENTICATED, not retryable, without leaking them',
        async (context) => {
          if (harness.credentialless) return context.skip('the upstream takes no credential');
          await harness.breakUpstream('unauthenticated');
          const error = await expectLmsError(fresh().listCourses({}), ['LMS_UNAUTHENTICATED', 'LMS_FORBIDDEN'], false);
          expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toMatch(
            /token=|secret|password/i,
          );
        },
      );

      it.skipIf(!declares('courses') || !declares('enrollments.byCourse'))(
        'keeps a course readable when its enrolments fail (a parent survives a failing child)',
        async () => {
          const [courseId] = harness.known.courseIds;
          const parentFirst = fresh();
          const [course] = await parentFirst.getCourses([courseId!]);
          await harness.breakUpstream('down');
          await expectLmsError(parentFirst.listEnrollments({ courseLocalId: courseId! }), ['LMS_UNAVAILABLE'], true);
          const [again] = await parentFirst.getCourses([courseId!]);
          expect(again?.title).toBe(course?.title);
        },
      );

      it('health-checks a working LMS and rejects a broken one with a coded error', async () => {
        await expect(fresh().healthCheck()).resolves.toBeUndefined();
        await harness.breakUpstream('down');
        await expectLmsError(fresh().healthCheck(), ['LMS_UNAVAILABLE'], true);
      });
    });
  });
}
export { simulatorUpstream } from './simulatorUpstream.js';
