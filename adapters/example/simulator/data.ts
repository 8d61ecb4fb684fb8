import type { LearnhubCourseDto, LearnhubEnrolmentDto, LearnhubPersonDto } from '../dto.js';

export const LEARNHUB_SANDBOX_API_KEY = 'learnhub-sandbox-key-0001';

export interface LearnhubDataset {
  readonly courses: readonly LearnhubCourseDto[];
  readonly people: readonly LearnhubPersonDto[];
  readonly enrolments: readonly LearnhubEnrolmentDto[];
}

const TOPICS = ['Gender equality', 'Climate action', 'Data protection', 'Ethics', 'Humanitarian law', 'Nutrition'];
const STATES = ['registered', 'started', 'passed', 'failed', 'dropped'] as const;

/** A small deterministic catalogue (no randomness needed at this size): 12 courses, 3 people. */
export function generateLearnhubDataset(courseCount = 12): LearnhubDataset {
  const courses = Array.from({ length: courseCount }, (_, i) => ({
    id: 100 + i,
    name: `${TOPICS[i % TOPICS.length]} ${i < TOPICS.length ? 'essentials' : 'in practice'}`,
    description: i % 3 === 0 ? null : `Course ${i + 1} of the Learnhub catalogue.`,
    lang: ['en', 'fr', 'es'][i % 3] ?? 'en',
    goals: [(i % 17) + 1],
    minutes: i % 4 === 0 ? null : 30 * ((i % 4) + 1),
    updated: `2026-0${(i % 9) + 1}-1${i % 10}T08:00:00+02:00`,
    published: i !== courseCount - 1,
  }));
  const people = [
    { id: 1, fullName: 'Amina Diallo', mail: 'amina.diallo@un.org', staffIndex: 'UN-100001' },
    { id: 2, fullName: 'Jonas Berg', mail: 'jonas.berg@un.org', staffIndex: null },
    { id: 3, fullName: 'No Enrolments', mail: null, staffIndex: null },
  ];
  const enrolments = courses.slice(0, 7).map((course, i) => ({
    id: 5000 + i,
    personId: i < 5 ? 1 : 2,
    courseId: course.id,
    state: STATES[i % STATES.length]!,
    startedOn: `2026-02-0${i + 1}T09:00:00Z`,
    finishedOn: STATES[i % STATES.length] === 'passed' ? `2026-03-0${i + 1}T09:00:00Z` : null,
    percent: i * 10,
  }));
  return { courses, people, enrolments };
}
