import type { GraphQLFormattedError } from 'graphql';
import type { AgencyEndpoint } from '../directory.js';

export interface SubgraphRequest {
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly operationName?: string | undefined;
}

export interface SubgraphAnswer {
  readonly data: Record<string, unknown> | null;
  readonly errors: readonly GraphQLFormattedError[];
}

export type AgencyFailureCode = 'AGENCY_UNAVAILABLE' | 'AGENCY_TIMEOUT' | 'AGENCY_BAD_RESPONSE';

/** Why an agency gave no usable answer; becomes one coded error naming the agency. */
export class AgencyFailure extends Error {
  constructor(
    readonly code: AgencyFailureCode,
    readonly agency: string,
    message: string,
  ) {
    super(message);
  }

  toGraphQLError(): GraphQLFormattedError {
    return { message: this.message, extensions: { code: this.code, agency: this.agency } };
  }
}

function isAnswer(body: unknown): body is { data?: unknown; errors?: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { data, errors } = body as { data?: unknown; errors?: unknown };
  const dataOk = data === undefined || data === null || (typeof data === 'object' && !Array.isArray(data));
  const errorsOk = errors === undefined || Array.isArray(errors);
  return dataOk && errorsOk && (data !== undefined || errors !== undefined);
}

/**
 * Sends one subgraph operation to one agency within `timeoutMs` (and the caller's deadline signal) and
 * classifies every failure: refused or 5xx → AGENCY_UNAVAILABLE, too slow → AGENCY_TIMEOUT, not a GraphQL
 * answer → AGENCY_BAD_RESPONSE. Upstream bodies never reach the client.
 */
export async function sendToAgency(
  agency: AgencyEndpoint,
  request: SubgraphRequest,
  timeoutMs: number,
  deadline: AbortSignal,
  headers: Readonly<Record<string, string>> = {},
): Promise<SubgraphAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([timeout, deadline]);
  let response: Response;
  try {
    response = await fetch(agency.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(request),
      signal,
      redirect: 'error',
    });
  } catch (error) {
    if (signal.aborted) {
      throw new AgencyFailure('AGENCY_TIMEOUT', agency.code, `Agency ${agency.code} did not answer in time.`);
    }
    void error;
    throw new AgencyFailure('AGENCY_UNAVAILABLE', agency.code, `Agency ${agency.code} is unavailable.`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    if (signal.aborted) {
      throw new AgencyFailure('AGENCY_TIMEOUT', agency.code, `Agency ${agency.code} did not answer in time.`);
    }
    const code = response.status >= 500 ? 'AGENCY_UNAVAILABLE' : 'AGENCY_BAD_RESPONSE';
    throw new AgencyFailure(code, agency.code, `Agency ${agency.code} sent an answer that is not GraphQL.`);
  }
  if (!isAnswer(body)) {
    throw new AgencyFailure(
      'AGENCY_BAD_RESPONSE',
      agency.code,
      `Agency ${agency.code} sent an answer that is not GraphQL.`,
    );
  }
  return {
    data: (body.data as Record<string, unknown> | null | undefined) ?? null,
    errors: (body.errors as GraphQLFormattedError[] | undefined) ?? [],
  };
}
