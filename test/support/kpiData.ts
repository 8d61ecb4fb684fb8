import type { CourseRecord, CredentialRecord, EnrollmentRecord } from '../../adapters/core/records.js';
import { createPrng } from '../../adapters/core/sandboxData.js';
import { CourseFormat, CourseVisibility, CredentialKind, EnrollmentStatus } from '../../schema/model/enums.js';
import type { MemoryData } from './memoryAdapter.js';

const FORMATS = [
  CourseFormat.SELF_PACED,
  CourseFormat.INSTRUCTOR_LED,
  CourseFormat.VIRTUAL_CLASSROOM,
  CourseFormat.BLENDED,
];
const STATUSES = [
  EnrollmentStatus.COMPLETED,
  EnrollmentStatus.COMPLETED,
  EnrollmentStatus.IN_PROGRESS,
  EnrollmentStatus.ENROLLED,
  EnrollmentStatus.FAILED,
  EnrollmentStatus.WITHDRAWN,
];

/**
 * Seeded records of one agency at any size, for the insights store's tests and the KPI bench: courses with
 * one to three SDGs, formats and languages; enrolments over 2024–2025 with completion a few days to months
 * later; a credential for every other completion.
 */
export function kpiData(seed: number, courseCount: number, learnerCount: number, enrolmentCount: number): MemoryData {
  const random = createPrng(seed);
  const int = (n: number) => Math.floor(random() * n);
  const courses: CourseRecord[] = Array.from({ length: courseCount }, (_, i) => ({
    localId: `c${String(i + 1).padStart(4, '0')}`,
    sourceId: `C-${seed}-${i + 1}`,
    title: `Course ${i + 1}`,
    summary: null,
    language: ['en', 'fr', 'es', 'ar'][int(4)] ?? null,
    sdgs: [...new Set(Array.from({ length: 1 + int(3) }, () => 1 + int(17)))],
    topics: [],
    format: FORMATS[int(FORMATS.length)] ?? CourseFormat.OTHER,
    durationMinutes: 30 * (1 + int(8)),
    url: null,
    startsAt: null,
    endsAt: null,
    updatedAt: null,
    visibility: CourseVisibility.PUBLIC,
  }));
  const enrollments: EnrollmentRecord[] = [];
  const credentials: CredentialRecord[] = [];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < enrolmentCount; i++) {
    const status = STATUSES[int(STATUSES.length)] ?? EnrollmentStatus.ENROLLED;
    const enrolledAt = new Date(start + int(730) * 86_400_000);
    const completedAt =
      status === EnrollmentStatus.COMPLETED ? new Date(enrolledAt.getTime() + int(120) * 86_400_000) : null;
    const course = courses[int(courseCount)] as CourseRecord;
    const learner = `u${int(learnerCount) + 1}`;
    enrollments.push({
      localId: `e${i + 1}`,
      learnerLocalId: learner,
      courseLocalId: course.localId,
      status,
      sourceStatus: status.toLowerCase(),
      enrolledAt,
      completedAt,
      progress: null,
      score: completedAt ? 50 + int(51) : null,
    });
    if (completedAt && i % 2 === 0) {
      credentials.push({
        localId: `b${i + 1}`,
        learnerLocalId: learner,
        courseLocalId: course.localId,
        kind: CredentialKind.CERTIFICATE,
        title: `Certificate ${course.title}`,
        issuer: `Agency ${seed}`,
        issuedAt: completedAt,
        expiresAt: null,
        verificationUrl: null,
        assertion: null,
      });
    }
  }
  const learners = Array.from({ length: learnerCount }, (_, i) => ({
    localId: `u${i + 1}`,
    displayName: `Learner ${i + 1}`,
    email: `learner${i + 1}@agency${seed}.org`,
    indexNumber: null,
  }));
  return { courses, learners, enrollments, credentials };
}
