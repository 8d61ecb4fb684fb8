import type { LmsAdapter, LmsCapability } from '../../adapters/core/adapter.js';
import { LmsError } from '../../adapters/core/errors.js';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../schema/disclosure.js';
import type { EnrollmentCountCheck } from '../../schema/model/enrollmentCountCheck.js';
import type { AgencyContext } from './context.js';

/** Above this many courses the check is not made live: it lists every course's enrolments. */
export const COUNT_CHECK_MAX_COURSES = 300;
/** One answer per adapter for this long: the check is heavy, and anyone may ask for it. */
const REUSE_MS = 10 * 60_000;

const NEEDED: readonly LmsCapability[] = ['courses', 'enrollments.byCourse', 'stats'];
const made = new WeakMap<LmsAdapter, { readonly at: number; readonly answer: Promise<EnrollmentCountCheck> }>();

const notChecked = (reason: string): EnrollmentCountCheck => ({
  checked: false,
  agree: null,
  reason,
  courseCount: null,
  statisticsCount: null,
  courseListsCount: null,
});

/** Small totals are withheld like any count of people (schema/disclosure.ts); the verdict is not. */
const disclosed = (n: number) => (n < DEFAULT_SUPPRESSION_THRESHOLD ? null : n);

async function check(adapter: LmsAdapter): Promise<EnrollmentCountCheck> {
  const missing = NEEDED.filter((capability) => !adapter.capabilities.has(capability));
  if (missing.length > 0) return notChecked(`the LMS adapter does not support ${missing.join(', ')}`);
  try {
    const courses = await adapter.listCourses({});
    if (courses.length > COUNT_CHECK_MAX_COURSES) {
      return notChecked(`${courses.length} courses: more than ${COUNT_CHECK_MAX_COURSES} are not listed live`);
    }
    const [stats, lists] = await Promise.all([
      adapter.getStats({}),
      Promise.all(courses.map((course) => adapter.listEnrollments({ courseLocalId: course.localId }))),
    ]);
    const listed = lists.reduce((sum, list) => sum + list.length, 0);
    return {
      checked: true,
      agree: listed === stats.enrollmentCount,
      reason: null,
      courseCount: courses.length,
      statisticsCount: disclosed(stats.enrollmentCount),
      courseListsCount: disclosed(listed),
    };
  } catch (error) {
    return notChecked(error instanceof LmsError ? `the LMS answered ${error.code}` : 'the check failed');
  }
}

/**
 * `Agency.enrollmentCountCheck`: learningStats' enrolment count against the sum of every course's
 * enrolment list (the conformance kit's check, made on the running agency for the registration gate).
 * Computed at most once per adapter every 10 minutes.
 */
export function enrollmentCountCheck(ctx: AgencyContext): Promise<EnrollmentCountCheck> {
  const previous = made.get(ctx.adapter);
  if (previous && Date.now() - previous.at < REUSE_MS) return previous.answer;
  const answer = check(ctx.adapter);
  made.set(ctx.adapter, { at: Date.now(), answer });
  return answer;
}
