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
          const answer = await send(agency, bodyOf(request), signal, headers);
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

/** An agency's own error, tagged with the agency, its path remapped into the merged answer. */
export function tagError(
  error: GraphQLFormattedError,
  agency: string,
  path: readonly (string | number)[] | undefined,
): GraphQLFormattedError {
  // An agency (perhaps another version, or home-grown) may send codes outside the vocabulary: masked.
  const given = error.extensions?.code;
  const original: ErrorCode = isErrorCode(given) ? given : 'INTERNAL_SERVER_ERROR';
  const lms = error.extensions?.lms;
  const code: ErrorCode = AGENCY_CODES[original as LmsErrorCode] ?? original;
  return {
    message: code === 'INTERNAL_SERVER_ERROR' && given !== code ? 'Internal server error.' : error.message,
    ...(path ? { path } : {}),
    extensions: {
      code,
      agency,
      ...(lms && typeof lms === 'object' ? { lms: { ...lms, code: original } } : {}),
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
