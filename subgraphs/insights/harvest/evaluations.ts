import type { LmsAdapter } from '../../../adapters/core/adapter.js';
import type { CourseRecord, EnrollmentRecord } from '../../../adapters/core/records.js';
import type { InsightsStore, RatingRecord } from '../store/insightsStore.js';

/** Courses per `listCourseEvaluations` call: one call reads every response of these courses. */
const COURSES_PER_CALL = 200;

/**
 * Course evaluations (issue 15, JIU recommendation 2) of an LMS that answers them on their own (capability
 * `evaluations`: Moodle's Feedback activities), into the `ratings` table with the run's id, as anonymous
 * 1–5 ratings keyed by the LMS's response id. Ratings that come with the enrolment records instead
 * (SuccessFactors) are stored by the enrolment walk. Runs after the enrolments, every run, so a resumed run
 * reads them again and a full run's sweep keeps what the LMS still holds. Returns the ratings stored.
 */
export async function harvestEvaluations(
  store: InsightsStore,
  agency: string,
  runId: string,
  adapter: LmsAdapter,
  courses: readonly CourseRecord[],
  call: <T>(work: () => Promise<T>) => Promise<T>,
): Promise<number> {
  if (!adapter.capabilities.has('evaluations')) return 0;
  let stored = 0;
  for (let i = 0; i < courses.length; i += COURSES_PER_CALL) {
    const ids = courses.slice(i, i + COURSES_PER_CALL).map((c) => c.localId);
    const evaluations = await call(() => adapter.listCourseEvaluations(ids));
    await store.upsertRatings(
      agency,
      runId,
      evaluations.map((e) => ({
        localId: e.responseLocalId,
        courseLocalId: e.courseLocalId,
        rating: e.rating,
        answeredAt: e.answeredAt,
      })),
    );
    stored += evaluations.length;
  }
  return stored;
}

/**
 * The ratings that come with enrolment records (SuccessFactors' learning-history `rating`). An enrolment's
 * local id names its learner (`<studentID>~…`, `<userId>-<courseId>`), so the rating is keyed by a keyed
 * hash of it instead: stable across harvests (the upsert key), linkable to nobody without the store's secret.
 */
export function enrolmentRatings(
  store: InsightsStore,
  agency: string,
  enrolments: readonly EnrollmentRecord[],
): RatingRecord[] {
  return enrolments.flatMap((e) =>
    typeof e.rating === 'number'
      ? [
          {
            localId: `e:${store.learnerKey(agency, `rating\u0000${e.localId}`)}`,
            courseLocalId: e.courseLocalId,
            rating: e.rating,
            answeredAt: e.completedAt,
          },
        ]
      : [],
  );
}
