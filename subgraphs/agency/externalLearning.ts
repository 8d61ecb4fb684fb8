import type { ExternalLearningRequest, RecognisedAs } from '../../adapters/core/records.js';
import { apiError, badUserInput, notFound } from '../../schema/errors.js';
import type { ExternalLearningInput } from '../../schema/model/externalLearning.js';
import { managesThisAgency } from './access.js';
import type { AgencyContext } from './context.js';
import { ownLocalId } from './ids.js';
import { findLearners } from './learnerMatch.js';

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const MAX_TEXT = 250;
const MAX_HOURS = 1000;
/** Clock skew tolerated on "completed in the future". */
const SKEW_MS = 5 * 60_000;

/**
 * Writing recognised learning into this agency's LMS is for this agency's managers, through the gateway
 * (the registry forwards the manager's assertion when they record a recognition).
 */
export function requireManager(ctx: AgencyContext): void {
  const { principal, viaGateway } = ctx.access;
  if (!viaGateway || principal.kind === 'anonymous') {
    throw apiError(
      'UNAUTHENTICATED',
      'Recording learning needs a signed-in manager of this agency, through the gateway.',
    );
  }
  if (!managesThisAgency(ctx)) {
    throw apiError('FORBIDDEN', `Only managers of ${ctx.agency.code} may record learning in its LMS.`);
  }
}

function text(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.length > MAX_TEXT) {
    throw badUserInput(`\`${field}\` must be 1 to ${MAX_TEXT} characters.`);
  }
  return trimmed;
}

/** What the course or credit hours of the input mean for the LMS, checked against this agency's catalogue. */
async function recognisedAs(ctx: AgencyContext, input: ExternalLearningInput): Promise<RecognisedAs> {
  const { courseId, hours } = input;
  if (hours !== null && hours !== undefined && !(hours > 0 && hours <= MAX_HOURS)) {
    throw badUserInput(`\`hours\` must be more than 0 and at most ${MAX_HOURS}.`);
  }
  if (courseId) {
    const localId = ownLocalId(ctx, courseId, 'course');
    if (localId === null) throw badUserInput(`\`${courseId}\` is a course of another agency.`);
    if (!(await ctx.courses.load(localId))) throw notFound(`No course has the id \`${courseId}\`.`);
    return { kind: 'COURSE', courseLocalId: localId };
  }
  if (hours === null || hours === undefined)
    throw badUserInput('Give the `courseId` it counts as, or `hours` of credit.');
  return { kind: 'CREDIT_HOURS', hours };
}

/**
 * The adapter's request for one recognised learning, from the mutation's input: the person's account in
 * this LMS, the course or credit it counts as, and the fields checked (bad input never reaches the LMS).
 */
export async function externalLearningRequest(
  ctx: AgencyContext,
  input: ExternalLearningInput,
): Promise<ExternalLearningRequest> {
  if (input.agency !== ctx.agency.code)
    throw badUserInput(`This subgraph serves ${ctx.agency.code}, not ${input.agency}.`);
  if (!KEY.test(input.idempotencyKey)) {
    throw badUserInput('`idempotencyKey` must be 8 to 128 letters, digits or `_.:-`.');
  }
  const completedAt = input.completedAt;
  if (
    !(completedAt instanceof Date) ||
    Number.isNaN(completedAt.getTime()) ||
    completedAt.getTime() > Date.now() + SKEW_MS
  ) {
    throw badUserInput('`completedAt` must be a date and time that is not in the future.');
  }
  const title = text(input.title, 'title');
  const provider = text(input.provider, 'provider');
  const as = await recognisedAs(ctx, input);
  const accounts = await findLearners(ctx, input.learner);
  const account = accounts[0];
  if (!account) throw notFound(`The person has no learner account in ${ctx.agency.code}'s LMS.`);
  return {
    learnerLocalId: account.localId,
    idempotencyKey: input.idempotencyKey,
    title,
    provider,
    completedAt,
    recognisedAs: as,
    hours: as.kind === 'CREDIT_HOURS' ? as.hours : (input.hours ?? null),
  };
}
