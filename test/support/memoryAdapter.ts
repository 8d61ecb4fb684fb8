import type { LmsAdapter, LmsCapability } from '../../adapters/core/adapter.js';
import type { LmsError } from '../../adapters/core/errors.js';
import { unsupportedError } from '../../adapters/core/factory.js';
import { computeStats, matchesCourseQuery, normaliseEmail } from '../../adapters/core/query.js';
import type {
  CourseEvaluationRecord,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  ExternalLearningRecord,
  ExternalLearningRequest,
  LearnerRecord,
} from '../../adapters/core/records.js';
import { EnrollmentStatus, type SourceKind } from '../../schema/model/enums.js';

export interface MemoryData {
  readonly courses: readonly CourseRecord[];
  readonly learners: readonly LearnerRecord[];
  readonly enrollments: readonly EnrollmentRecord[];
  readonly credentials: readonly CredentialRecord[];
  /** Evaluation responses: with them, the adapter declares `evaluations`. */
  readonly evaluations?: readonly CourseEvaluationRecord[];
}

/** An LmsAdapter over records in memory, counting calls: for subgraph tests that need no LMS. */
export function createMemoryAdapter(
  data: MemoryData,
  /** The family of source; catalogue sources declare `courses` and `stats` only. */
  category: SourceKind = 'LMS',
): LmsAdapter & { calls: Record<string, number>; failWith: LmsError | undefined; failOnly: string | undefined } {
  const calls: Record<string, number> = {};
  const adapter = {
    kind: 'custom' as const,
    category,
    // A catalogue source (OER, EXTERNAL) holds courses and their counts only.
    capabilities: new Set<LmsCapability>(
      category === 'LMS'
        ? [
            'courses',
            'learners',
            'enrollments.byLearner',
            'enrollments.byCourse',
            'credentials',
            'stats',
            'recognitions.write',
            ...(data.evaluations ? (['evaluations'] as const) : []),
          ]
        : ['courses', 'stats'],
    ),
    calls,
    failWith: undefined as LmsError | undefined,
    /** When set, only this operation (e.g. `listEnrollments`) throws `failWith`. */
    failOnly: undefined as string | undefined,
  };
  const track = (name: string) => {
    calls[name] = (calls[name] ?? 0) + 1;
    if (adapter.failWith && (adapter.failOnly === undefined || adapter.failOnly === name)) throw adapter.failWith;
  };
  // Recorded learning joins the learner's enrolments, as it does in an LMS transcript.
  const enrollments: EnrollmentRecord[] = [...data.enrollments];
  const recorded = new Map<string, string>();
  const byId = <T extends { localId: string }>(items: readonly T[], ids: readonly string[]) =>
    ids.map((id) => items.find((item) => item.localId === id) ?? null);
  return Object.assign(adapter, {
    async getCourses(ids: readonly string[]) {
      track('getCourses');
      return byId(data.courses, ids);
    },
    async listCourses(query: Parameters<LmsAdapter['listCourses']>[0]) {
      track('listCourses');
      return data.courses.filter((c) => matchesCourseQuery(c, query));
    },
    async getLearners(ids: readonly string[]) {
      track('getLearners');
      return byId(data.learners, ids);
    },
    async findLearners(match: Parameters<LmsAdapter['findLearners']>[0]) {
      track('findLearners');
      return data.learners.filter((l) =>
        match.indexNumber
          ? l.indexNumber === match.indexNumber
          : match.email !== undefined && l.email !== null && normaliseEmail(l.email) === normaliseEmail(match.email),
      );
    },
    async getEnrollments(ids: readonly string[]) {
      track('getEnrollments');
      return byId(enrollments, ids);
    },
    async listEnrollments(scope: Parameters<LmsAdapter['listEnrollments']>[0]) {
      track('listEnrollments');
      return enrollments.filter((e) =>
        'courseLocalId' in scope
          ? e.courseLocalId === scope.courseLocalId
          : 'courseLocalIds' in scope
            ? scope.courseLocalIds.includes(e.courseLocalId)
            : scope.learnerLocalIds.includes(e.learnerLocalId),
      );
    },
    async listEnrollmentChanges() {
      track('listEnrollmentChanges');
      // Not declared: records in memory carry no modification time.
      throw unsupportedError('enrollments.changes', 'memory', 'custom');
    },
    async getCredentials(ids: readonly string[]) {
      track('getCredentials');
      return byId(data.credentials, ids);
    },
    async listCredentials(learnerIds: readonly string[]) {
      track('listCredentials');
      return data.credentials.filter((c) => learnerIds.includes(c.learnerLocalId));
    },
    async getStats(query: Parameters<LmsAdapter['getStats']>[0]) {
      track('getStats');
      return computeStats(data.courses, enrollments, data.credentials, query);
    },
    async recordExternalLearning(request: ExternalLearningRequest): Promise<ExternalLearningRecord> {
      track('recordExternalLearning');
      const known = recorded.get(request.idempotencyKey);
      if (known) return { enrollmentLocalId: known, created: false };
      const courseLocalId =
        request.recognisedAs.kind === 'COURSE' ? request.recognisedAs.courseLocalId : `external-${recorded.size + 1}`;
      const localId = `${request.learnerLocalId}:${courseLocalId}`;
      enrollments.push({
        localId,
        learnerLocalId: request.learnerLocalId,
        courseLocalId,
        status: EnrollmentStatus.COMPLETED,
        sourceStatus: 'Recognised',
        enrolledAt: request.completedAt,
        completedAt: request.completedAt,
        progress: 100,
        score: null,
      });
      recorded.set(request.idempotencyKey, localId);
      return { enrollmentLocalId: localId, created: true };
    },
    async listCourseEvaluations(courseLocalIds: readonly string[]) {
      track('listCourseEvaluations');
      return (data.evaluations ?? []).filter((e) => courseLocalIds.includes(e.courseLocalId));
    },
    async healthCheck() {
      track('healthCheck');
    },
    async dispose() {},
  });
}
