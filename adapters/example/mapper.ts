import {
  CourseFormat,
  type CourseRecord,
  CourseVisibility,
  type EnrollmentRecord,
  EnrollmentStatus,
  type LearnerRecord,
} from 'convergence/sdk';
import type { LearnhubCourseDto, LearnhubEnrolmentDto, LearnhubEnrolmentState, LearnhubPersonDto } from './dto.js';

/** Learnhub timestamps carry offsets; canonical ones are UTC `Date`s. Unparseable → null, never a crash. */
function date(value: string | null): Date | null {
  if (!value) return null;
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

export function mapCourse(dto: LearnhubCourseDto): CourseRecord {
  return {
    localId: String(dto.id),
    sourceId: `LH-${dto.id}`,
    title: dto.name,
    summary: dto.description,
    language: dto.lang,
    sdgs: dto.goals.filter((g) => Number.isInteger(g) && g >= 1 && g <= 17),
    topics: [],
    format: CourseFormat.SELF_PACED,
    durationMinutes: dto.minutes,
    url: null,
    startsAt: null,
    endsAt: null,
    updatedAt: date(dto.updated),
    visibility: dto.published ? CourseVisibility.PUBLIC : CourseVisibility.HIDDEN,
  };
}

export function mapPerson(dto: LearnhubPersonDto): LearnerRecord {
  return { localId: String(dto.id), displayName: dto.fullName, email: dto.mail, indexNumber: dto.staffIndex };
}

const STATUS: Readonly<Record<LearnhubEnrolmentState, EnrollmentStatus>> = {
  registered: EnrollmentStatus.ENROLLED,
  started: EnrollmentStatus.IN_PROGRESS,
  passed: EnrollmentStatus.COMPLETED,
  failed: EnrollmentStatus.FAILED,
  dropped: EnrollmentStatus.WITHDRAWN,
};

export function mapEnrolment(dto: LearnhubEnrolmentDto): EnrollmentRecord {
  return {
    localId: String(dto.id),
    learnerLocalId: String(dto.personId),
    courseLocalId: String(dto.courseId),
    status: STATUS[dto.state] ?? EnrollmentStatus.ENROLLED,
    sourceStatus: dto.state,
    enrolledAt: date(dto.startedOn),
    completedAt: date(dto.finishedOn),
    progress: dto.percent,
    score: null,
  };
}
