import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LmsAdapter } from '../adapter.js';
import { LMS_ERROR_CODES, LmsError } from '../errors.js';

/**
 * What the conformance kit needs to know about the upstream behind an adapter. Usually a simulator started
 * in-process; an agency with a home-grown LMS can point it at a test instance of its own.
 */
export interface ConformanceHarness {
  /** A new adapter with an empty cache, talking to the upstream. */
  createAdapter(): LmsAdapter;
  /** Data known to exist upstream. */
  readonly known: {
    /** At least two course local ids. */
    readonly courseIds: readonly string[];
    readonly missingCourseId: string;
    /** A learner with at least one enrolment and one credential (where credentials are supported). */
    readonly learner: { readonly localId: string; readonly email: string };
    readonly missingLearnerId: string;
  };
  /** Calls the upstream has received so far. */
  upstreamCalls(): number;
  /** Makes the upstream fail until `restore()`: down (HTTP 503) or with credentials it rejects. */
  breakUpstream(mode: 'down' | 'unauthenticated'): Promise<void> | void;
  restore(): Promise<void> | void;
  close?(): Promise<void>;
}

const MAX_PAGES_HINT = 'an adapter must walk the upstream paging to its end and then stop';

/**
 * The adapter contract every LMS adapter must pass (DESIGN.md §4, STYLE.md B5): batch order and nulls,
 * coded errors with honest retryable flags, terminating paging, and no upstream call on a cache hit.
 * Groups for capabilities the adapter does not declare are skipped.
 */
export function defineLmsAdapterContract(name: string, setup: () => Promise<ConformanceHarness>): void {
  describe(`LmsAdapter contract: ${name}`, () => {
    let harness: ConformanceHarness;
    let adapter: LmsAdapter;
    const adapters: LmsAdapter[] = [];
    const fresh = () => {
      const created = harness.createAdapter();
      adapters.push(created);
      return created;
    };

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

    describe('courses', () => {
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

    describe('learners', () => {
      it('finds a learner by e-mail, case-insensitively', async () => {
        if (!adapter.capabilities.has('learners')) return;
        const found = await adapter.findLearners({ email: harness.known.learner.email.toUpperCase() });
        expect(found.map((l) => l.localId)).toContain(harness.known.learner.localId);
      });

      it('returns learner batch reads in order with null for missing ids', async () => {
        if (!adapter.capabilities.has('learners')) return;
        const learners = await adapter.getLearners([harness.known.missingLearnerId, harness.known.learner.localId]);
        expect(learners.map((l) => l?.localId ?? null)).toEqual([null, harness.known.learner.localId]);
      });
    });

    describe('enrollments', () => {
      it("lists a learner's enrolments, each readable by id", async () => {
        if (!adapter.capabilities.has('enrollments.byLearner')) return;
        const list = await adapter.listEnrollments({ learnerLocalIds: [harness.known.learner.localId] });
        expect(list.length).toBeGreaterThan(0);
        expect(new Set(list.map((e) => e.localId)).size).toBe(list.length);
        for (const e of list) expect(e.learnerLocalId).toBe(harness.known.learner.localId);
        const byId = await adapter.getEnrollments([list[0]!.localId, 'no-such-enrollment']);
        expect(byId[0]?.localId).toBe(list[0]!.localId);
        expect(byId[1]).toBeNull();
      });

      it('answers an unknown learner with no enrolments, not an error', async () => {
        if (!adapter.capabilities.has('enrollments.byLearner')) return;
        expect(await adapter.listEnrollments({ learnerLocalIds: [harness.known.missingLearnerId] })).toEqual([]);
      });
    });

    describe('credentials', () => {
      it("lists a learner's credentials, each readable by id", async () => {
        if (!adapter.capabilities.has('credentials')) return;
        const list = await adapter.listCredentials([harness.known.learner.localId]);
        expect(list.length).toBeGreaterThan(0);
        const byId = await adapter.getCredentials([list[0]!.localId]);
        expect(byId[0]?.title).toBe(list[0]!.title);
      });
    });

    describe('stats', () => {
      it('counts consistently: completed + in progress + failed + withdrawn ≤ enrolments', async () => {
        if (!adapter.capabilities.has('stats')) return;
        const stats = await adapter.getStats({});
        const parts = stats.completedCount + stats.inProgressCount + stats.failedCount + stats.withdrawnCount;
        expect(parts).toBeLessThanOrEqual(stats.enrollmentCount);
        expect(stats.courseCount).toBeGreaterThan(0);
      });
    });

    describe('errors', () => {
      const expectLmsError = async (promise: Promise<unknown>, codes: readonly string[], retryable: boolean) => {
        const error = await promise.then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(LmsError);
        const lmsError = error as LmsError;
        expect(LMS_ERROR_CODES).toContain(lmsError.code);
        expect(codes).toContain(lmsError.code);
        expect(lmsError.retryable).toBe(retryable);
        return lmsError;
      };

      it('reports an unreachable LMS as LMS_UNAVAILABLE, retryable', async () => {
        await harness.breakUpstream('down');
        await expectLmsError(fresh().listCourses({}), ['LMS_UNAVAILABLE'], true);
      });

      it('reports rejected credentials as LMS_UNAUTHENTICATED, not retryable, without leaking them', async () => {
        await harness.breakUpstream('unauthenticated');
        const error = await expectLmsError(fresh().listCourses({}), ['LMS_UNAUTHENTICATED', 'LMS_FORBIDDEN'], false);
        expect(JSON.stringify({ message: error.message, upstream: error.upstream })).not.toMatch(
          /token=|secret|password/i,
        );
      });

      it('health-checks a working LMS and rejects a broken one with a coded error', async () => {
        await expect(fresh().healthCheck()).resolves.toBeUndefined();
        await harness.breakUpstream('down');
        await expectLmsError(fresh().healthCheck(), ['LMS_UNAVAILABLE'], true);
      });
    });
  });
}
export { simulatorUpstream } from './simulatorUpstream.js';
