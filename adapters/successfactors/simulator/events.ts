import type { SimulatorResponse } from '../../core/simulator.js';
import type { SimRow, SuccessFactorsDataset } from './data.js';
import { odataError } from './odata.js';

/**
 * The learning-event writes of a tenant (issue 14), over a mutable copy of the seeded learning history:
 * - `admin/learningevent-service/v1/OCNLearningEvents`: a completion of a catalogue item posted from
 *   outside (edx-enterprise's payload, [C-3p]); the tenant must know the `providerID`;
 * - `user/learningevent-service/v1/ExternalLearningEvents`: learning done elsewhere, recorded in the
 *   learner's history (entity named by CData [C-3p]; fields [I], see adapters/successfactors/dto.ts).
 * Both become learning-history rows at once. Neither deduplicates: posting the same event twice records
 * it twice, as a tenant does for a retaken course; idempotency is the client's job.
 * Bad input answers OData errors (`{"error":{"code","message"}}`, §3.2) with a code per problem [I].
 */
const SKEW_MS = 5 * 60_000;
const invalid = (message: string) => odataError(400, message, 'INVALID_INPUT');

type Body = Record<string, unknown>;

export interface LearningEvents {
  readonly history: SimRow[];
  /** The learning plans (to-do items), as they change. */
  readonly todo: SimRow[];
  /**
   * A learner completes an item of their learning plan, as in the tenant's UI: the to-do item leaves the
   * plan [I] and a history row is recorded, its `lastUpdateTimestamp` now (issue 15). False when the
   * learner has no such to-do item.
   */
  completeAssignment(studentID: string, componentID: string, outcome?: { credit?: boolean; grade?: string }): boolean;
  ocn(body: Body): SimulatorResponse;
  external(body: Body): SimulatorResponse;
  reset(): void;
}

function epochMs(body: Body, field: string): number | string {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0)
    return `${field} must be epoch milliseconds.`;
  if (value < 1e11) return `${field} looks like epoch seconds; milliseconds are expected.`;
  if (value > Date.now() + SKEW_MS) return `${field} cannot be in the future.`;
  return value;
}

function hoursOf(body: Body, field: string, required: boolean): number | null | string {
  const value = body[field];
  if (value === undefined && !required) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1000)
    return `${field} must be a number of hours from 0 to 1000.`;
  return value;
}

const created = (entitySet: string, row: SimRow, extra: Body): SimulatorResponse => ({
  status: 201,
  body: {
    '@odata.context': `$metadata#${entitySet}/$entity`,
    ...extra,
    componentTypeID: row.componentTypeID,
    componentID: row.componentID,
    revisionDate: row.revisionDate,
  },
});

export function createLearningEvents(data: SuccessFactorsDataset, ocnProviders: readonly string[]): LearningEvents {
  const history: SimRow[] = [...data.history];
  const todo: SimRow[] = [...data.todo];
  let externalCount = 0;
  let studentComponentID = 900_000;
  const student = (id: unknown) =>
    typeof id === 'string' ? data.students.find((s) => s.studentID.toLowerCase() === id.toLowerCase()) : undefined;

  return {
    history,
    todo,

    completeAssignment(studentID, componentID, outcome = {}) {
      const index = todo.findIndex((row) => row.userID === studentID && row.componentID === componentID);
      const assignment = todo[index];
      if (!assignment) return false;
      todo.splice(index, 1);
      const credit = outcome.credit ?? true;
      const now = Date.now();
      studentComponentID += 1;
      history.push({
        userID: studentID,
        componentTypeID: assignment.componentTypeID,
        componentID: assignment.componentID,
        revisionDate: assignment.revisionDate,
        revisionNumber: '1',
        title: assignment.title,
        completionStatusID: credit ? 'COURSE-COMPLETE' : 'COURSE-FAILED',
        completionStatusDesc: credit ? 'Course Complete' : 'Course Failed',
        provideCredit: credit,
        studentComponentID,
        grade: outcome.grade ?? null,
        completionDate: now - 1_000,
        lastCompletionDate: now - 1_000,
        lastUpdateTimestamp: now,
        certificateLink: credit
          ? `https://learning.sim.invalid/learning/user/certificate?scid=${studentComponentID}`
          : null,
        comments: null,
        instructorName: null,
        status: null,
        criteria: null,
      });
      return true;
    },

    ocn(body) {
      const learner = student(body.userID);
      if (!learner) return invalid('userID does not name a user of this tenant.');
      if (typeof body.providerID !== 'string' || !ocnProviders.includes(body.providerID))
        return invalid('providerID does not name an OCN content provider of this tenant.');
      // The latest revision of the item: OCN completions apply to what the catalogue offers now.
      const item = data.items
        .filter((i) => typeof body.courseID === 'string' && i.componentID === body.courseID)
        .sort((a, b) => b.revisionDate - a.revisionDate)[0];
      if (!item) return invalid('courseID does not name an item of this tenant.');
      if (typeof body.courseCompleted !== 'boolean') return invalid('courseCompleted must be true or false.');
      const completed = epochMs(body, 'completedTimestamp');
      if (typeof completed === 'string') return invalid(completed);
      const total = hoursOf(body, 'totalHours', false);
      const credit = hoursOf(body, 'creditHours', false);
      if (typeof total === 'string') return invalid(total);
      if (typeof credit === 'string') return invalid(credit);
      if (body.grade !== undefined && typeof body.grade !== 'string') return invalid('grade must be text.');
      studentComponentID += 1;
      const row: SimRow = {
        userID: learner.studentID,
        componentTypeID: item.componentTypeID,
        componentID: item.componentID,
        revisionDate: item.revisionDate,
        revisionNumber: '1',
        title: item.title,
        completionStatusID: body.courseCompleted ? 'OCN-COMPLETE' : 'OCN-INCOMPLETE',
        completionStatusDesc: body.courseCompleted ? 'OCN Course Complete' : 'OCN Course Incomplete',
        provideCredit: body.courseCompleted,
        studentComponentID,
        grade: (body.grade as string | undefined) ?? null,
        totalHours: total ?? item.totalLength,
        creditHours: credit ?? total ?? item.totalLength,
        completionDate: completed,
        lastCompletionDate: completed,
        lastUpdateTimestamp: Date.now(),
        certificateLink: null,
        comments: null,
        instructorName: null,
        status: null,
        criteria: null,
      };
      history.push(row);
      return created('OCNLearningEvents', row, { userID: learner.studentID, providerID: body.providerID });
    },

    external(body) {
      const learner = student(body.studentID);
      if (!learner) return invalid('studentID does not name a user of this tenant.');
      const title = body.title;
      if (typeof title !== 'string' || title.trim() === '' || title.length > 200)
        return invalid('title is required, at most 200 characters.');
      if (typeof body.source !== 'string' || body.source.length > 200)
        return invalid('source is required, at most 200 characters.');
      const completed = epochMs(body, 'completionDate');
      if (typeof completed === 'string') return invalid(completed);
      const total = hoursOf(body, 'totalHours', true);
      const credit = hoursOf(body, 'creditHours', false);
      if (typeof total === 'string') return invalid(total);
      if (typeof credit === 'string') return invalid(credit);
      if (body.comments !== undefined && (typeof body.comments !== 'string' || body.comments.length > 4000))
        return invalid('comments must be text of at most 4000 characters.');
      externalCount += 1;
      studentComponentID += 1;
      const row: SimRow = {
        userID: learner.studentID,
        componentTypeID: 'EXTERNAL',
        componentID: `EXT-${String(externalCount).padStart(5, '0')}`,
        revisionDate: Date.now(),
        revisionNumber: '1',
        title,
        completionStatusID: 'EXTERNAL-COMPLETE',
        completionStatusDesc: `External learning (${body.source})`,
        provideCredit: true,
        studentComponentID,
        grade: null,
        totalHours: total,
        creditHours: credit ?? total,
        completionDate: completed,
        lastCompletionDate: completed,
        lastUpdateTimestamp: Date.now(),
        certificateLink: null,
        comments: (body.comments as string | undefined) ?? null,
        instructorName: null,
        status: null,
        criteria: null,
      };
      history.push(row);
      return created('ExternalLearningEvents', row, { studentID: learner.studentID, title });
    },

    reset() {
      history.splice(0, history.length, ...data.history);
      todo.splice(0, todo.length, ...data.todo);
      externalCount = 0;
    },
  };
}
