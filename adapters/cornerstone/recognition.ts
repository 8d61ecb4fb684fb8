import { EnrollmentStatus } from '../../schema/model/enums.js';
import { LmsError } from '../core/errors.js';
import type { ExternalLearningRecord, ExternalLearningRequest } from '../core/records.js';
import type { CornerstoneClient } from './client.js';
import { type CsodTranscriptDto, EXTERNAL_TRAINING_TYPE } from './dto.js';
import type { LearnerReader } from './learners.js';
import { enrollmentId, parseCsodDate, statusFromGroup } from './mapper.js';
import { walkTranscripts } from './paging.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** ISO 8601 to the second: the precision CSOD keeps, and what the unique key compares. */
const toSecond = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
const sameSecond = (value: string | null | undefined, date: Date) =>
  parseCsodDate(value)?.toISOString().slice(0, 19) === date.toISOString().slice(0, 19);
const isCompleted = (item: CsodTranscriptDto) =>
  statusFromGroup(item.statusGroupId ?? item.statusGroup) === EnrollmentStatus.COMPLETED;

/** Cornerstone answers 409 when a transcript record is already in the state asked for [I]. */
const alreadyThere = (error: unknown) => error instanceof LmsError && error.upstream?.status === 409;

/**
 * Records recognised learning on a learner's Cornerstone transcript (issue 14). It looks before it writes,
 * so an attempt repeated after a failure or a crash half-way never records twice:
 * - a local course: the transcript holds one record per learning object, so a Completed record for it
 *   means the work is done; otherwise it is assigned (when absent) and completed, with the
 *   recognition's key in the completion comments;
 * - credit in hours: an external training record whose unique key (user, start date/time, status, title,
 *   as CSOD's external training load defines it) is the same on every attempt.
 */
export function createCornerstoneRecognitionWriter(client: CornerstoneClient, learners: LearnerReader) {
  return async function recordExternalLearning(request: ExternalLearningRequest): Promise<ExternalLearningRecord> {
    const [employee] = await learners.employees([request.learnerLocalId]);
    if (!employee?.externalId) {
      throw new LmsError('LMS_NOT_FOUND', 'The learner has no active account with a User ID in this portal.');
    }
    const userId = String(employee.id);
    const externalId = employee.externalId;
    const transcript = await walkTranscripts(client, externalId);
    const comments = `Recognised by Convergence (key ${request.idempotencyKey}): ${request.title}, ${request.provider}.`;

    if (request.recognisedAs.kind === 'COURSE') {
      const learningObjectId = request.recognisedAs.courseLocalId;
      if (!GUID.test(learningObjectId))
        throw new LmsError('LMS_BAD_REQUEST', 'The local course is not a CSOD learning object id.');
      const record = { enrollmentLocalId: enrollmentId(userId, learningObjectId) };
      const current = transcript.find((item) => item.learningObjectId.toLowerCase() === learningObjectId.toLowerCase());
      if (current && isCompleted(current)) return { ...record, created: false };
      if (!current) {
        await client
          .assignTraining({ externalId, learningObjectId, assignment: 'registered' })
          .catch((error: unknown) => {
            if (!alreadyThere(error)) throw error;
          });
      }
      const completion = { externalId, learningObjectId, completionDate: toSecond(request.completedAt), comments };
      const created = await client.completeTraining(completion).then(
        () => true,
        (error: unknown) => {
          if (alreadyThere(error)) return false;
          throw error;
        },
      );
      return { ...record, created };
    }

    const found = transcript.find(
      (item) =>
        item.trainingType === EXTERNAL_TRAINING_TYPE &&
        item.title === request.title &&
        sameSecond(item.completionDate, request.completedAt),
    );
    if (found) return { enrollmentLocalId: enrollmentId(userId, found.learningObjectId), created: false };
    const answer = await client.recordExternalTraining({
      externalId,
      trainingTitle: request.title,
      provider: request.provider,
      startDateTime: toSecond(request.completedAt),
      completionDateTime: toSecond(request.completedAt),
      transcriptStatus: 'Completed',
      trainingHours: request.recognisedAs.hours,
      description: comments,
    });
    const learningObjectId = answer?.data?.learningObjectId;
    if (typeof learningObjectId !== 'string' || !GUID.test(learningObjectId)) {
      throw new LmsError(
        'LMS_BAD_RESPONSE',
        'CSOD answered the external training record without its learning object id.',
      );
    }
    return { enrollmentLocalId: enrollmentId(userId, learningObjectId), created: true };
  };
}
