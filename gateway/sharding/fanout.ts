import type { GraphQLFormattedError } from 'graphql';
import { BUDGET_HEADER } from '../../schema/callHeaders.js';
import { type AgencyFailureCode, type ErrorCode, isErrorCode, type LmsErrorCode } from '../../schema/errorCodes.js';
import type { AgencyEndpoint } from '../directory.js';
import {
  AgencyFailure,
  type CallScope,
  fanoutSignal,
  type SubgraphAnswer,
  type SubgraphRequest,
  sendToAgency,
} from './agencyClient.js';
import { isGatewayWritten, validateAnswer } from './answerValidation.js';

export interface FanoutSettings {
  /** Per-agency timeout. */
  readonly agencyTimeoutMs: number;
  /** Overall deadline of one subgraph fetch across all agencies. */
  readonly deadlineMs: number;
  /** How one call reaches an agency (the gateway wraps it: breaker, metrics, traces, collapsing, cache). */
  readonly send?: AgencySender | undefined;
}

/** `sendToAgency`'s shape: one serialised request to one agency, answered or thrown as an AgencyFailure. */
export type AgencySender = typeof sendToAgency;

export type AgencyResult =
  | { readonly agency: AgencyEndpoint; readonly answer: SubgraphAnswer }
  | { readonly agency: AgencyEndpoint; readonly failure: AgencyFailure };

/**
 * Sends requests to agencies in parallel; failures come back as values, never as a rejected fan-out.
 * Agencies that get the same request object share one serialised body.
 */
export async function fanOut(
  settings: FanoutSettings,
  jobs: readonly { agency: AgencyEndpoint; request: SubgraphRequest }[],
  deadline: AbortSignal,
  scope: CallScope,
): Promise<AgencyResult[]> {
  const send = settings.send ?? sendToAgency;
  const fanout = fanoutSignal(settings.agencyTimeoutMs, deadline);
  const { signal } = fanout;
  // The agency stops its work for this call when the gateway stops waiting (README "Resilience").
  const headers = { ...scope.headers, [BUDGET_HEADER]: String(settings.agencyTimeoutMs) };
  const bodies = new Map<SubgraphRequest, string>();
  const bodyOf = (request: SubgraphRequest) => {
    let body = bodies.get(request);
    if (body === undefined) {
      body = JSON.stringify(request);
      bodies.set(request, body);
    }
    return body;
  };
  try {
    return await Promise.all(
      jobs.map(async ({ agency, request }): Promise<AgencyResult> => {
        try {
          // Checked against the contract before anything of it is merged (answerValidation.ts).
          const answer = validateAnswer(agency.code, request, await send(agency, bodyOf(request), signal, headers));
          scope.onAnswer?.(agency.code, answer);
          return { agency, answer };
        } catch (error) {
          const failure =
            error instanceof AgencyFailure
              ? error
              : new AgencyFailure('AGENCY_BAD_RESPONSE', agency.code, `Agency ${agency.code} sent an unusable answer.`);
          return { agency, failure };
        }
      }),
    );
  } finally {
    fanout.dispose();
  }
}

/**
 * An agency whose LMS is down, slow or answering garbage is, for a client, an agency that is down, slow or
 * answering garbage: one set of codes to branch on. The LMS's own code stays in `extensions.lms.code`.
 */
const AGENCY_CODES: Readonly<Partial<Record<LmsErrorCode, AgencyFailureCode>>> = {
  LMS_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
  LMS_TIMEOUT: 'AGENCY_TIMEOUT',
  LMS_BAD_RESPONSE: 'AGENCY_BAD_RESPONSE',
};

/**
 * What the gateway says for an agency's error of each code: an agency's own message is never forwarded
 * (it may hold stack lines, internal addresses, URLs with tokens, or megabytes), only its code, kept in
 * `extensions.agencyCode`.
 */
const WORDING: Readonly<Partial<Record<ErrorCode, (agency: string) => string>>> = {
  AGENCY_UNAVAILABLE: (a) => `Agency ${a} (or its learning system) is unavailable.`,
  AGENCY_TIMEOUT: (a) => `Agency ${a} (or its learning system) did not answer in time.`,
  AGENCY_BAD_RESPONSE: (a) => `Agency ${a} (or its learning system) sent an unusable answer.`,
  LMS_UNAUTHENTICATED: (a) => `Agency ${a}'s learning system refused the agency's credentials.`,
  LMS_FORBIDDEN: (a) => `Agency ${a}'s learning system refused a permission the agency needs.`,
  LMS_NOT_FOUND: (a) => `Agency ${a}'s learning system does not know a record it was asked for.`,
  LMS_BAD_REQUEST: (a) => `Agency ${a}'s learning system refused a request as malformed.`,
  LMS_RATE_LIMITED: (a) => `Agency ${a}'s learning system asked to slow down; try again shortly.`,
  LMS_UNSUPPORTED: (a) => `Agency ${a} cannot answer this: its learning system lacks the capability.`,
  LMS_CATALOGUE_CHANGED: (a) => `Agency ${a}'s external catalogue kept changing while it was read; try again shortly.`,
  LMS_OVERLOADED: (a) => `Agency ${a} is too busy to ask its learning system now; try again shortly.`,
  LMS_BUDGET_EXCEEDED: (a) => `This request would cost agency ${a}'s learning system too many calls; ask for less.`,
  QUERY_TOO_LARGE: (a) => `This request is too large for agency ${a}; ask for less.`,
  BAD_USER_INPUT: (a) => `Agency ${a} refused the request's input.`,
  INVALID_CURSOR: (a) => `Agency ${a} refused a cursor.`,
  NOT_FOUND: (a) => `Agency ${a} has no such record.`,
  UNAUTHENTICATED: (a) => `Agency ${a} needs to know who is asking for this.`,
  FORBIDDEN: (a) => `Agency ${a} does not let this caller read this.`,
  CONFLICT: (a) => `Agency ${a} reported a conflict with its current records.`,
};

const AGENCY_CODE = /^[A-Z][A-Z_]{0,63}$/;

/** An agency's own error, tagged with the agency, its path remapped into the merged answer. */
export function tagError(
  error: GraphQLFormattedError,
  agency: string,
  path: readonly (string | number)[] | undefined,
): GraphQLFormattedError {
  // The gateway's own findings about this answer (answerValidation.ts) are already in its words.
  if (isGatewayWritten(error)) {
    const { path: _ignored, ...rest } = error;
    return path ? { ...rest, path } : rest;
  }
  // An agency (perhaps another version, or home-grown) may send codes outside the vocabulary: masked.
  const given = error.extensions?.code;
  const original: ErrorCode = isErrorCode(given) ? given : 'INTERNAL_SERVER_ERROR';
  const lms = error.extensions?.lms as { kind?: unknown; retryable?: unknown } | undefined;
  const code: ErrorCode = AGENCY_CODES[original as LmsErrorCode] ?? original;
  const wording = WORDING[original] ?? WORDING[code];
  return {
    message: wording ? wording(agency) : `Agency ${agency} could not answer this part of the request.`,
    ...(path ? { path } : {}),
    extensions: {
      code,
      agency,
      ...(typeof given === 'string' && AGENCY_CODE.test(given) ? { agencyCode: given } : {}),
      ...(lms && typeof lms === 'object'
        ? {
            lms: {
              kind: typeof lms.kind === 'string' && lms.kind.length <= 32 ? lms.kind : null,
              agency,
              retryable: lms.retryable === true,
              code: original,
            },
          }
        : {}),
    },
  };
}

/**
 * Several agencies often report the same mistake (a missing filter, a bad argument): one error, naming
 * every agency in `extensions.agencies`, instead of N copies.
 */
export function dedupeErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const byKey = new Map<string, { error: GraphQLFormattedError; agencies: string[] }>();
  for (const error of errors) {
    const key = JSON.stringify([error.message, error.extensions?.code, error.path ?? null]);
    const agency = error.extensions?.agency;
    const known = byKey.get(key);
    if (!known) byKey.set(key, { error, agencies: typeof agency === 'string' ? [agency] : [] });
    else if (typeof agency === 'string') known.agencies.push(agency);
  }
  return [...byKey.values()].map(({ error, agencies }) =>
    agencies.length > 1 ? { ...error, extensions: { ...error.extensions, agencies } } : error,
  );
}
