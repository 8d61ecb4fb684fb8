import { randomUUID } from 'node:crypto';
import type { SimulatorResponse } from '../../core/simulator.js';
import { EXTERNAL_TRAINING_TYPE } from '../dto.js';
import type { CornerstoneDataset, SimLearningObject, SimTranscript, SimUser } from './dataset.js';

/**
 * The transcript writes a portal accepts (issue 14), over a mutable copy of the seeded transcripts:
 * Transcript API assign and complete (§2.4.2a), and external training records ([I]: CSOD documents them as
 * an Edge Import load with the unique key User ID + Start Date/Time + Transcript Status + Training Title;
 * the REST form is assumed, see adapters/cornerstone/dto.ts). Answers use CSOD's error envelope; field
 * problems are listed in `error.fields[].errors[]` as the x-APIs do (§2.2, [C-3p, weak]).
 */
export type Envelope = (status: number, message: string, extra?: Record<string, unknown>) => SimulatorResponse;

const EXTERNAL_STATUSES = ['Completed', 'Registered', 'Withdrawn'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** Clock skew accepted on dates "in the future". */
const SKEW_MS = 5 * 60_000;

type Body = Record<string, unknown>;
type FieldErrors = Array<{ field: string; errors: string[] }>;

export interface TranscriptWrites {
  /** Every transcript record now: the seeded ones as changed, plus those written. */
  readonly transcripts: SimTranscript[];
  learningObject(id: string): SimLearningObject | undefined;
  assign(body: Body): SimulatorResponse;
  complete(body: Body): SimulatorResponse;
  externalTraining(body: Body): SimulatorResponse;
  /**
   * Changes a record as someone working in the portal would (a status, a completion, a score): its
   * modification time becomes now. False when the user has no record of that learning object.
   */
  update(userId: number, loId: string, change: TranscriptChange): boolean;
  reset(): void;
}

export type TranscriptChange = Partial<
  Pick<SimTranscript, 'group' | 'statusId' | 'label' | 'completedAt' | 'score' | 'progress'>
>;

export function createTranscriptWrites(data: CornerstoneDataset, envelope: Envelope): TranscriptWrites {
  const transcripts: SimTranscript[] = [...data.transcripts];
  const los = new Map(data.learningObjects.map((lo) => [lo.id.toLowerCase(), lo]));
  /** External training learning objects, one per record (they are not in the catalogue). */
  const external = new Map<string, SimLearningObject>();

  const invalid = (fields: FieldErrors) => envelope(400, 'One or more fields are invalid.', { fields });
  const userOf = (externalId: unknown): SimUser | undefined =>
    typeof externalId === 'string'
      ? data.users.find((u) => u.externalId.toLowerCase() === externalId.toLowerCase())
      : undefined;
  const recordOf = (user: SimUser, loId: string) =>
    transcripts.findIndex((t) => t.userId === user.id && t.loId.toLowerCase() === loId.toLowerCase());
  const success = (status: number, user: SimUser, lo: SimLearningObject, label: string): SimulatorResponse => ({
    status,
    body: {
      status: String(status),
      timeStamp: new Date().toISOString(),
      data: { learningObjectId: lo.id, externalId: user.externalId, status: label },
    },
  });

  function dateField(body: Body, field: string, problems: FieldErrors): number | null {
    const value = body[field];
    if (typeof value !== 'string' || !ISO.test(value) || Number.isNaN(Date.parse(value))) {
      problems.push({ field, errors: [`${field} must be an ISO 8601 date and time with an offset.`] });
      return null;
    }
    const ms = Date.parse(value);
    if (ms > Date.now() + SKEW_MS) problems.push({ field, errors: [`${field} cannot be in the future.`] });
    return ms;
  }

  return {
    transcripts,
    learningObject: (id) => los.get(id.toLowerCase()) ?? external.get(id.toLowerCase()),

    assign(body) {
      const problems: FieldErrors = [];
      if (typeof body.externalId !== 'string' || body.externalId === '')
        problems.push({ field: 'externalId', errors: ['externalId is required.'] });
      if (typeof body.learningObjectId !== 'string' || !GUID.test(body.learningObjectId))
        problems.push({ field: 'learningObjectId', errors: ['Invalid object id Guid'] });
      if (!['registered', 'approved', 'assigned'].includes(String(body.assignment)))
        problems.push({ field: 'assignment', errors: ['assignment must be registered, approved or assigned.'] });
      if (problems.length > 0) return invalid(problems);
      const user = userOf(body.externalId);
      if (!user) return envelope(404, 'User not found.');
      const lo = los.get(String(body.learningObjectId).toLowerCase());
      // "LO is not available to the user" / "Invalid object id Guid" are CSOD's documented LO errors (§2.2).
      if (!lo?.active) return envelope(404, 'LO is not available to the user');
      if (recordOf(user, lo.id) >= 0) return envelope(409, "The learning object is already on the user's transcript.");
      transcripts.push({
        userId: user.id,
        loId: lo.id,
        group: 'NotStarted',
        statusId: 5,
        label: 'Registered',
        registeredAt: Date.now(),
        completedAt: null,
        score: null,
        progress: 0,
        style: 'z',
        modifiedAt: Date.now(),
      });
      return success(201, user, lo, 'Registered');
    },

    complete(body) {
      const problems: FieldErrors = [];
      if (typeof body.externalId !== 'string' || body.externalId === '')
        problems.push({ field: 'externalId', errors: ['externalId is required.'] });
      if (typeof body.learningObjectId !== 'string' || !GUID.test(body.learningObjectId))
        problems.push({ field: 'learningObjectId', errors: ['Invalid object id Guid'] });
      const completedAt = dateField(body, 'completionDate', problems);
      if (body.comments !== undefined && (typeof body.comments !== 'string' || body.comments.length > 2000))
        problems.push({ field: 'comments', errors: ['comments must be text of at most 2,000 characters.'] });
      if (problems.length > 0 || completedAt === null) return invalid(problems);
      const user = userOf(body.externalId);
      if (!user) return envelope(404, 'User not found.');
      const index = recordOf(user, String(body.learningObjectId));
      const current = transcripts[index];
      if (!current) return envelope(404, "The learning object is not on the user's transcript.");
      if (current.group === 'Completed') return envelope(409, 'The transcript record is already completed.');
      transcripts[index] = {
        ...current,
        group: 'Completed',
        statusId: 1,
        label: 'Completed',
        completedAt,
        progress: 100,
        modifiedAt: Date.now(),
      };
      return success(200, user, this.learningObject(current.loId)!, 'Completed');
    },

    externalTraining(body) {
      const problems: FieldErrors = [];
      if (typeof body.externalId !== 'string' || body.externalId === '')
        problems.push({ field: 'externalId', errors: ['externalId is required.'] });
      const title = body.trainingTitle;
      if (typeof title !== 'string' || title.trim() === '' || title.length > 250)
        problems.push({ field: 'trainingTitle', errors: ['trainingTitle is required, at most 250 characters.'] });
      if (body.provider !== undefined && (typeof body.provider !== 'string' || body.provider.length > 250))
        problems.push({ field: 'provider', errors: ['provider must be text of at most 250 characters.'] });
      const startsAt = dateField(body, 'startDateTime', problems);
      const completedAt = dateField(body, 'completionDateTime', problems);
      const status = body.transcriptStatus;
      if (!EXTERNAL_STATUSES.includes(status as (typeof EXTERNAL_STATUSES)[number]))
        problems.push({
          field: 'transcriptStatus',
          errors: [`transcriptStatus must be one of ${EXTERNAL_STATUSES.join(', ')}.`],
        });
      const hours = body.trainingHours;
      if (typeof hours !== 'number' || !Number.isFinite(hours) || hours < 0 || hours > 1000)
        problems.push({ field: 'trainingHours', errors: ['trainingHours must be a number from 0 to 1000.'] });
      if (problems.length > 0 || startsAt === null || completedAt === null) return invalid(problems);
      const user = userOf(body.externalId);
      if (!user) return envelope(404, 'User not found.');
      // The documented unique key: User ID, Start Date/Time, Transcript Status, Training Title.
      const existing = transcripts.find((t) => {
        const lo = external.get(t.loId.toLowerCase());
        return t.userId === user.id && lo?.title === title && t.registeredAt === startsAt && t.label === status;
      });
      if (existing) return success(200, user, external.get(existing.loId.toLowerCase())!, String(status));
      const lo: SimLearningObject = {
        id: randomUUID(),
        ref: `EXT-${external.size + 1}`,
        title: String(title),
        description: typeof body.description === 'string' ? body.description : '',
        provider: typeof body.provider === 'string' ? body.provider : '',
        type: 'External Training',
        trainingType: EXTERNAL_TRAINING_TYPE,
        language: 'en-US',
        subjects: [],
        durationMinutes: Math.round(Number(hours) * 60),
        startsAt,
        modifiedAt: Date.now(),
        style: 'z',
        active: true,
        availableToAll: false,
      };
      external.set(lo.id.toLowerCase(), lo);
      const group = status === 'Completed' ? 'Completed' : status === 'Withdrawn' ? 'Withdrawn' : 'NotStarted';
      transcripts.push({
        userId: user.id,
        loId: lo.id,
        group,
        statusId: group === 'Completed' ? 1 : group === 'Withdrawn' ? 8 : 5,
        label: String(status),
        registeredAt: startsAt,
        completedAt: group === 'Completed' ? completedAt : null,
        score: null,
        progress: group === 'Completed' ? 100 : 0,
        style: 'z',
        modifiedAt: Date.now(),
      });
      return success(201, user, lo, String(status));
    },

    update(userId, loId, change) {
      const index = transcripts.findIndex((t) => t.userId === userId && t.loId.toLowerCase() === loId.toLowerCase());
      const current = transcripts[index];
      if (!current) return false;
      transcripts[index] = { ...current, ...change, modifiedAt: Date.now() };
      return true;
    },

    reset() {
      transcripts.splice(0, transcripts.length, ...data.transcripts);
      external.clear();
    },
  };
}
