import { LmsError } from '../core/errors.js';
import type { ExternalLearningRecord, ExternalLearningRequest } from '../core/records.js';
import type { LearningEventAnswer, SuccessFactorsClient } from './client.js';
import type { SuccessFactorsConfig } from './config.js';
import { courseLocalId, epochToMs, learnerScopedId, parseCourseLocalId } from './mapper.js';

function enrollmentOf(studentID: string, answer: LearningEventAnswer): string {
  const { componentTypeID, componentID, revisionDate } = answer;
  if (!componentTypeID || !componentID || typeof revisionDate !== 'number') {
    throw new LmsError('LMS_BAD_RESPONSE', 'SuccessFactors answered the learning event without its item key.');
  }
  return learnerScopedId(studentID, courseLocalId(componentTypeID, componentID, revisionDate));
}

/**
 * Records recognised learning in a learner's SuccessFactors learning history (issue 14). It reads the
 * history before it writes, so an attempt repeated after a failure or a crash half-way finds its record:
 * - a local course: an OCN learning event completing that item at the recognised completion time; a history
 *   row for the item with that very completion time is the record of an earlier attempt;
 * - credit in hours: an external learning event whose comments carry the recognition's key.
 */
export function createSuccessFactorsRecognitionWriter(client: SuccessFactorsClient, config: SuccessFactorsConfig) {
  return async function recordExternalLearning(request: ExternalLearningRequest): Promise<ExternalLearningRecord> {
    const studentID = request.learnerLocalId;
    const completedMs = request.completedAt.getTime();
    const history = await client.learningHistory(studentID);
    const hours = request.hours ?? undefined;

    if (request.recognisedAs.kind === 'COURSE') {
      const item = parseCourseLocalId(request.recognisedAs.courseLocalId);
      if (!item) throw new LmsError('LMS_BAD_REQUEST', 'The local course is not a SuccessFactors item key.');
      const found = history.find(
        (row) =>
          row.componentTypeID === item.componentTypeID &&
          row.componentID === item.componentID &&
          epochToMs(row.completionDate) === completedMs,
      );
      if (found) {
        const key = courseLocalId(found.componentTypeID, found.componentID, found.revisionDate);
        return { enrollmentLocalId: learnerScopedId(studentID, key), created: false };
      }
      const answer = await client.postOcnLearningEvent({
        userID: studentID,
        courseID: item.componentID,
        providerID: config.ocnProviderId,
        courseCompleted: true,
        completedTimestamp: completedMs,
        ...(hours !== undefined ? { totalHours: hours, creditHours: hours } : {}),
      });
      return { enrollmentLocalId: enrollmentOf(studentID, answer), created: true };
    }

    const marker = `key ${request.idempotencyKey}`;
    const found = history.find((row) => row.comments?.includes(marker));
    if (found) {
      const key = courseLocalId(found.componentTypeID, found.componentID, found.revisionDate);
      return { enrollmentLocalId: learnerScopedId(studentID, key), created: false };
    }
    const answer = await client.postExternalLearningEvent({
      studentID,
      title: request.title,
      source: request.provider,
      completionDate: completedMs,
      totalHours: request.recognisedAs.hours,
      creditHours: request.recognisedAs.hours,
      comments: `Recognised by Convergence (${marker}).`,
    });
    return { enrollmentLocalId: enrollmentOf(studentID, answer), created: true };
  };
}
