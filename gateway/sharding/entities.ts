import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { formattedError } from '../../schema/errors.js';
import { parseGlobalId } from '../../schema/globalId.js';
import type { AgencyDirectory, AgencyEndpoint } from '../directory.js';
import { AgencyFailure, type CallScope, type SubgraphRequest } from './agencyClient.js';
import { type FanoutSettings, fanOut, tagError } from './fanout.js';

interface Representation {
  readonly __typename: string;
  readonly id?: unknown;
  readonly code?: unknown;
}

/** The agency that owns an entity: from its global id, or its code for `Agency`. */
function ownerOf(representation: Representation): string | null {
  if (representation.__typename === 'Agency')
    return typeof representation.code === 'string' ? representation.code : null;
  return typeof representation.id === 'string' ? (parseGlobalId(representation.id)?.agency ?? null) : null;
}

/**
 * `_entities`: representations grouped by owning agency (duplicates fetched once), sent in parallel, and
 * the answers — and their error paths — put back in the original order.
 */
export async function processEntities(
  options: FanoutSettings & { readonly directory: AgencyDirectory },
  request: SubgraphRequest,
  deadline: AbortSignal,
  scope: CallScope,
  /** Variables of each agency's own (nested allow-list rewrites: nestedAllowList.ts). */
  agencyVariables?: (agency: string) => Readonly<Record<string, unknown>>,
): Promise<GatewayGraphQLResponse> {
  const representations = (request.variables.representations ?? []) as Representation[];
  const entities: unknown[] = representations.map(() => null);
  const errors: GraphQLFormattedError[] = [];
  const groups = new Map<string, { agency: AgencyEndpoint; unique: Representation[]; positions: number[][] }>();
  const seen = new Map<string, { group: string; slot: number }>();

  representations.forEach((representation, index) => {
    const dedupeKey = JSON.stringify(representation);
    const known = seen.get(dedupeKey);
    if (known) {
      groups.get(known.group)!.positions[known.slot]!.push(index);
      return;
    }
    const code = ownerOf(representation);
    const agency = code ? options.directory.get(code) : undefined;
    if (!agency) {
      errors.push(
        formattedError('NOT_FOUND', `No active agency owns ${String(representation.id ?? representation.code)}.`, {
          path: ['_entities', index],
        }),
      );
      return;
    }
    const group = groups.get(agency.code) ?? { agency, unique: [], positions: [] };
    groups.set(agency.code, group);
    seen.set(dedupeKey, { group: agency.code, slot: group.unique.length });
    group.unique.push(representation);
    group.positions.push([index]);
  });

  const jobs = [...groups.values()].map((group) => ({
    agency: group.agency,
    request: {
      ...request,
      variables: { ...request.variables, ...agencyVariables?.(group.agency.code), representations: group.unique },
    },
  }));
  const results = await fanOut(options, jobs, deadline, scope);
  for (const result of results) {
    const group = groups.get(result.agency.code)!;
    if ('failure' in result) {
      for (const positions of group.positions) {
        for (const position of positions) errors.push(result.failure.toGraphQLError(['_entities', position]));
      }
      continue;
    }
    const answered = result.answer.data?._entities;
    if (result.answer.data !== null && (!Array.isArray(answered) || answered.length !== group.unique.length)) {
      errors.push(
        new AgencyFailure(
          'AGENCY_BAD_RESPONSE',
          result.agency.code,
          `Agency ${result.agency.code} sent an answer that does not match the request.`,
        ).toGraphQLError(),
      );
      continue;
    }
    group.positions.forEach((positions, slot) => {
      for (const position of positions) entities[position] = Array.isArray(answered) ? (answered[slot] ?? null) : null;
    });
    for (const error of result.answer.errors) {
      const [root, slot, ...rest] = error.path ?? [];
      const original = typeof slot === 'number' ? group.positions[slot]?.[0] : undefined;
      errors.push(
        tagError(
          error,
          result.agency.code,
          root === '_entities' && original !== undefined ? [root, original, ...rest] : undefined,
        ),
      );
    }
  }
  return errors.length > 0 ? { data: { _entities: entities }, errors } : { data: { _entities: entities } };
}
