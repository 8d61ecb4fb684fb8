import { type ErrorCode, isErrorCode } from '../../../schema/errorCodes.js';
import { PRINCIPAL_ASSERTION_HEADER } from '../../../schema/principal.js';

/** What the registry asks an agency subgraph to record (the learning contract's `ExternalLearningInput`). */
export interface ExternalLearningCall {
  readonly agency: string;
  readonly learner: { readonly indexNumber?: string; readonly email?: string };
  readonly idempotencyKey: string;
  readonly title: string;
  readonly provider: string;
  readonly completedAt: string;
  readonly courseId: string | null;
  readonly hours: number | null;
}

export type AgencyWriteOutcome =
  | { readonly ok: true; readonly enrollmentId: string; readonly created: boolean }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      /** `extensions.lms` of an LMS error, passed on as the agency gave it. */
      readonly lms: Readonly<Record<string, unknown>> | null;
    };

/** Writes recognised learning through an agency subgraph; never throws (failures are outcomes). */
export type AgencyWriter = (
  subgraphUrl: string,
  call: ExternalLearningCall,
  assertion: string,
) => Promise<AgencyWriteOutcome>;

const MUTATION = `mutation RecordExternalLearning($input: ExternalLearningInput!) {
  recordExternalLearning(input: $input) { enrollmentId created }
}`;

/** Codes an agency may answer that the registry passes on as they are; anything else is a bad answer. */
const PASSED_ON: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'LMS_UNAUTHENTICATED',
  'LMS_FORBIDDEN',
  'LMS_NOT_FOUND',
  'LMS_BAD_REQUEST',
  'LMS_RATE_LIMITED',
  'LMS_TIMEOUT',
  'LMS_UNAVAILABLE',
  'LMS_BAD_RESPONSE',
  'LMS_UNSUPPORTED',
]);

interface Answer {
  readonly data?: {
    readonly recordExternalLearning?: { readonly enrollmentId?: unknown; readonly created?: unknown } | null;
  } | null;
  readonly errors?: ReadonlyArray<{ readonly message?: unknown; readonly extensions?: Record<string, unknown> }>;
}

const failure = (code: ErrorCode, message: string, lms: Record<string, unknown> | null = null): AgencyWriteOutcome => ({
  ok: false,
  code,
  message,
  lms,
});

/**
 * Calls the agency subgraph's `recordExternalLearning` directly (the registry knows every subgraph's URL),
 * with the manager's gateway assertion, so the agency applies its own row-level rule: only its managers
 * write into its LMS. Redirects are not followed. Sent once; a retry is the caller's decision.
 */
export function createAgencyWriter(timeoutMs = 30_000): AgencyWriter {
  return async (subgraphUrl, call, assertion) => {
    let response: Response;
    try {
      response = await fetch(subgraphUrl, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          [PRINCIPAL_ASSERTION_HEADER]: assertion,
        },
        body: JSON.stringify({ query: MUTATION, variables: { input: call } }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      return timedOut
        ? failure('AGENCY_TIMEOUT', `${call.agency} did not answer within ${timeoutMs} ms.`)
        : failure('AGENCY_UNAVAILABLE', `${call.agency} could not be reached.`);
    }
    let answer: Answer;
    try {
      answer = (await response.json()) as Answer;
    } catch {
      return failure('AGENCY_BAD_RESPONSE', `${call.agency} answered something that is not GraphQL.`);
    }
    const error = answer?.errors?.[0];
    if (error) {
      const code = error.extensions?.code;
      const lms = error.extensions?.lms;
      const message = typeof error.message === 'string' ? error.message : `${call.agency} refused the write.`;
      if (isErrorCode(code) && PASSED_ON.has(code)) {
        return failure(code, message, lms && typeof lms === 'object' ? (lms as Record<string, unknown>) : null);
      }
      return failure('AGENCY_BAD_RESPONSE', `${call.agency} answered with an error it did not explain.`);
    }
    const record = answer?.data?.recordExternalLearning;
    if (typeof record?.enrollmentId !== 'string' || typeof record.created !== 'boolean') {
      return failure('AGENCY_BAD_RESPONSE', `${call.agency} answered without the record it wrote.`);
    }
    return { ok: true, enrollmentId: record.enrollmentId, created: record.created };
  };
}
