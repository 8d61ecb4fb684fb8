import type { GraphQLFormattedError } from 'graphql';
import type { AgencyEndpoint } from '../directory.js';
import { AgencyFailure, type SubgraphAnswer, type SubgraphRequest, sendToAgency } from './agencyClient.js';

export interface FanoutSettings {
  /** Per-agency timeout. */
  readonly agencyTimeoutMs: number;
  /** Overall deadline of one subgraph fetch across all agencies. */
  readonly deadlineMs: number;
}

export type AgencyResult =
  | { readonly agency: AgencyEndpoint; readonly answer: SubgraphAnswer }
  | { readonly agency: AgencyEndpoint; readonly failure: AgencyFailure };

/** Sends requests to agencies in parallel; failures come back as values, never as a rejected fan-out. */
export async function fanOut(
  settings: FanoutSettings,
  jobs: readonly { agency: AgencyEndpoint; request: SubgraphRequest }[],
  deadline: AbortSignal,
  headers: Readonly<Record<string, string>>,
): Promise<AgencyResult[]> {
  return Promise.all(
    jobs.map(async ({ agency, request }): Promise<AgencyResult> => {
      try {
        return { agency, answer: await sendToAgency(agency, request, settings.agencyTimeoutMs, deadline, headers) };
      } catch (error) {
        const failure =
          error instanceof AgencyFailure
            ? error
            : new AgencyFailure('AGENCY_BAD_RESPONSE', agency.code, `Agency ${agency.code} sent an unusable answer.`);
        return { agency, failure };
      }
    }),
  );
}

/** An agency's own error, tagged with the agency, its path remapped into the merged answer. */
export function tagError(
  error: GraphQLFormattedError,
  agency: string,
  path: readonly (string | number)[] | undefined,
): GraphQLFormattedError {
  return {
    message: error.message,
    ...(path ? { path } : {}),
    extensions: { ...error.extensions, code: error.extensions?.code ?? 'INTERNAL_SERVER_ERROR', agency },
  };
}
