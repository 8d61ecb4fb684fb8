import { defineLmsAdapterContract, simulatorUpstream } from '../../adapters/core/conformance/index.js';
import {
  feedbacksOf,
  generateDataset,
  HIDDEN_COURSE_ID,
  isActive,
  MOODLE_SANDBOX_TOKEN,
  moodleAdapter,
  SHARED_PEOPLE,
  startMoodleSimulator,
} from '../../adapters/moodle/index.js';

const SEED = 42;
/** Small roster pages, so that courses span several `core_enrol_get_enrolled_users` pages. */
const ROSTER_PAGE = 4;

// The simulator stands for a PostgreSQL site (its default): e-mails match exactly in get_users_by_field.
defineLmsAdapterContract(moodleAdapter, async () => {
  const handle = await startMoodleSimulator({ seed: SEED });
  // The simulator's own dataset tells the kit which rows exist (same seed, same data).
  const data = generateDataset(SEED, 'Convergence Moodle sandbox');
  const amina = data.users.find((u) => u.email === SHARED_PEOPLE[0]!.email);
  const capitals = data.users.find((u) => !u.emailHidden && u.email !== u.email.toLowerCase());
  const inactive = data.enrolments.find((e) => e.userId === amina?.id && !isActive(e));
  if (!amina || !capitals || !inactive) throw new Error('the seeded dataset lost its documented cases');
  const perCourse = new Map<number, number>();
  for (const e of data.enrolments) perCourse.set(e.courseId, (perCourse.get(e.courseId) ?? 0) + 1);
  const [largest, count] = [...perCourse].sort((a, b) => b[1] - a[1])[0]!;
  const upstream = simulatorUpstream(handle, { valid: MOODLE_SANDBOX_TOKEN, rejected: 'f'.repeat(32) });
  return {
    settings: () => ({
      kind: 'moodle',
      baseUrl: handle.url,
      token: upstream.credential(),
      rosterPageSize: ROSTER_PAGE,
    }),
    known: {
      courseIds: ['2', '3', '10'],
      missingCourseId: '99999',
      learner: { localId: String(amina.id), email: amina.email },
      missingLearnerId: '999999',
      mixedCaseLearner: { localId: String(capitals.id), email: capitals.email },
      hiddenCourseEnrollment: { learnerLocalId: String(amina.id), courseLocalId: String(HIDDEN_COURSE_ID) },
      inactiveEnrollment: { learnerLocalId: String(amina.id), courseLocalId: String(inactive.courseId) },
      largeCourse: { localId: String(largest), enrollments: count },
      totals: { enrollments: data.enrolments.length },
      evaluatedCourseIds: feedbacksOf(data)
        .filter((f) => f.responses.length > 0)
        .slice(0, 3)
        .map((f) => String(f.courseId)),
    },
    ...upstream,
  };
});
