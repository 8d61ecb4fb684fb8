import type { CourseRecord, CredentialRecord, EnrollmentRecord, LearnerRecord } from '../../adapters/core/records.js';
import { createPrng } from '../../adapters/core/sandboxData.js';
import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../schema/model/enums.js';
import type { MemoryData } from './memoryAdapter.js';

const WORDS = ['Ethics', 'Climate', 'Gender', 'Data', 'Health', 'Peace', 'Water', 'Finance', 'Éducation', 'Security'];
const STATUSES = Object.values(EnrollmentStatus);

/** Seeded canonical records for one agency; ties in titles and dates on purpose, to test the tie-break. */
export function memoryData(seed: number, courseCount = 30): MemoryData {
  const random = createPrng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const courses: CourseRecord[] = Array.from({ length: courseCount }, (_, i) => ({
    localId: String(i + 1),
    sourceId: `C-${seed}-${i + 1}`,
    title: `${pick(WORDS)} ${pick(['basics', 'advanced', 'in practice'])}`,
    summary: null,
    language: pick(['en', 'fr', 'es']),
    sdgs: [1 + Math.floor(random() * 17)],
    topics: [],
    format: CourseFormat.SELF_PACED,
    durationMinutes: random() < 0.2 ? null : 30 * (1 + Math.floor(random() * 4)),
    url: null,
    startsAt: random() < 0.3 ? null : new Date(Date.UTC(2025, Math.floor(random() * 12), 1)),
    endsAt: null,
    updatedAt: new Date(Date.UTC(2026, Math.floor(random() * 3), 1 + Math.floor(random() * 3))),
    visibility: CourseVisibility.PUBLIC,
  }));
  const learners: LearnerRecord[] = [
    { localId: 'u1', displayName: 'Amina Diallo', email: 'amina.diallo@un.org', indexNumber: 'UN-100001' },
    { localId: 'u2', displayName: `Learner ${seed}`, email: `learner${seed}@un.org`, indexNumber: null },
  ];
  const enrollments: EnrollmentRecord[] = courses.slice(0, 12).map((course, i) => ({
    localId: `u1-${course.localId}`,
    learnerLocalId: 'u1',
    courseLocalId: course.localId,
    status: STATUSES[i % STATUSES.length]!,
    sourceStatus: 'label',
    enrolledAt: new Date(Date.UTC(2025, Math.floor(random() * 12), 1)),
    completedAt: null,
    progress: null,
    score: null,
  }));
  const credentials: CredentialRecord[] = [
    {
      localId: 'b1',
      learnerLocalId: 'u1',
      courseLocalId: '1',
      kind: CredentialKind.BADGE,
      title: 'Badge',
      issuer: `Agency ${seed}`,
      issuedAt: new Date(Date.UTC(2025, 5, 1)),
      expiresAt: null,
      verificationUrl: null,
      assertion: null,
    },
  ];
  return { courses, learners, enrollments, credentials };
}
