import type { FieldNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { encodeSortKeyCursor } from '../../schema/ordering.js';
import type { AgencyDirectory, AgencyEndpoint } from '../directory.js';
import type { CallScope, SubgraphRequest } from './agencyClient.js';
import type { CursorCodec } from './cursor.js';
import { type AgencyResult, type FanoutSettings, fanOut, tagError } from './fanout.js';
import { connectionKeys, type IndexMap, indexKey, mergeConnection, mergeList, mergeSum, type Part } from './merge.js';
import { type Plan, planRootFields } from './plan.js';
import { buildAgencyOperation, HIDDEN } from './rewrite.js';
import { type Fragments, responseKey } from './selections.js';

export interface RootFieldsOptions extends FanoutSettings {
  readonly directory: AgencyDirectory;
  readonly codec: CursorCodec;
}

type Json = Record<string, unknown>;

export interface RootFieldsRequest {
  /** The subgraph operation's text, the key of `operations`. */
  readonly query: string;
  /** Agency operations already built, by query text and field selection; shared across requests. */
  readonly operations: Map<string, string>;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Fragments;
  readonly fields: readonly FieldNode[];
  readonly variables: Readonly<Record<string, unknown>>;
  readonly deadline: AbortSignal;
  readonly scope: CallScope;
}

/** Remaps an agency error path through the merge; drops item indices that did not make the page. */
function remap(error: GraphQLFormattedError, plan: Plan, agency: string, indexMap: IndexMap | undefined) {
  const path = error.path ?? [];
  if (!indexMap) return path;
  const strategy = plan.strategy?.kind;
  const at = strategy === 'CONNECTION' ? 2 : strategy === 'LIST' ? 1 : -1;
  const local = path[at];
  if (at < 0 || typeof local !== 'number') return path;
  const merged = indexMap.get(indexKey(agency, local));
  return merged === undefined ? path.slice(0, at) : [...path.slice(0, at), merged, ...path.slice(at + 1)];
}

function merge(
  plan: Plan,
  results: readonly AgencyResult[],
  fragments: Fragments,
  codec: CursorCodec,
  errors: GraphQLFormattedError[],
) {
  const answered = results.filter(
    (r): r is Extract<AgencyResult, { answer: unknown }> => 'answer' in r && plan.targets.includes(r.agency),
  );
  const parts: Part[] = answered
    .map((r) => ({ agency: r.agency.code, value: r.answer.data?.[plan.key] as Json }))
    .filter((p) => p.value !== null && p.value !== undefined);
  let value: unknown = null;
  let indexMap: IndexMap | undefined;
  const kind = plan.strategy?.kind;
  if (kind === 'CONNECTION' && plan.paging) {
    const valid = parts.flatMap((part) => {
      const keys = connectionKeys(part);
      if (keys) return [{ ...part, keys }];
      errors.push({
        message: `Agency ${part.agency} sent a malformed page.`,
        extensions: { code: 'AGENCY_BAD_RESPONSE', agency: part.agency },
      });
      return [];
    });
    if (valid.length > 0 || parts.length === 0) {
      ({ value, indexMap } = mergeConnection(plan.node, fragments, valid, {
        ...plan.paging,
        resumed: plan.resumes,
        codec,
      }));
    }
  } else if (kind === 'LIST') {
    ({ value, indexMap } = mergeList(parts.map((p) => ({ agency: p.agency, value: p.value as unknown as unknown[] }))));
  } else if (kind === 'SUM' && plan.strategy?.kind === 'SUM') {
    value = parts.length > 0 ? mergeSum(plan.node, fragments, parts, plan.strategy.ratios) : null;
  } else {
    value = parts[0]?.value ?? null;
  }
  for (const result of answered) {
    for (const error of result.answer.errors) {
      if (error.path?.[0] === plan.key) {
        errors.push(tagError(error, result.agency.code, remap(error, plan, result.agency.code, indexMap)));
      }
    }
  }
  return value;
}

const MAX_CACHED_OPERATIONS = 1000;

/** The request agencies answering `plans` receive; the operation text is cached across requests. */
function buildRequest(request: RootFieldsRequest, plans: readonly Plan[], signature: string): SubgraphRequest {
  const key = `${signature}\n${request.query}`;
  let query = request.operations.get(key);
  if (query === undefined) {
    query = buildAgencyOperation(request.operation, request.fragments, plans);
    if (request.operations.size >= MAX_CACHED_OPERATIONS) request.operations.clear();
    request.operations.set(key, query);
  }
  const variables: Json = { ...request.variables };
  for (const p of plans) {
    if (p.resumes && p.paging?.resumeKey)
      variables[HIDDEN.afterVariable(p.index)] = encodeSortKeyCursor(p.paging.resumeKey);
  }
  const operationName = request.operation.name?.value;
  return { query, variables, ...(operationName ? { operationName } : {}) };
}

/**
 * Root fields: each field's targets are resolved, every agency gets one operation holding the fields it
 * must answer, all agencies are asked in parallel, and each field is merged by its strategy.
 */
export async function processRootFields(
  options: RootFieldsOptions,
  request: RootFieldsRequest,
  errors: GraphQLFormattedError[],
): Promise<Json> {
  const plans = planRootFields(options, request, errors);
  const data: Json = {};
  for (const field of request.fields) {
    data[responseKey(field)] =
      field.name.value === '__typename' ? (request.operation.operation === 'mutation' ? 'Mutation' : 'Query') : null;
  }
  const byAgency = new Map<string, { agency: AgencyEndpoint; plans: Plan[] }>();
  for (const p of plans) {
    for (const agency of p.targets) {
      const entry = byAgency.get(agency.code) ?? { agency, plans: [] };
      entry.plans.push(p);
      byAgency.set(agency.code, entry);
    }
  }
  // Agencies answering the same fields get the same request object (one serialised body in fanOut).
  const requests = new Map<string, SubgraphRequest>();
  const requestFor = (agencyPlans: readonly Plan[]) => {
    const signature = agencyPlans.map((p) => `${p.index}${p.resumes ? 'r' : ''}`).join(',');
    let built = requests.get(signature);
    if (!built) {
      built = buildRequest(request, agencyPlans, signature);
      requests.set(signature, built);
    }
    return built;
  };
  const jobs = [...byAgency.values()].map(({ agency, plans: agencyPlans }) => ({
    agency,
    request: requestFor(agencyPlans),
  }));
  const results = await fanOut(options, jobs, request.deadline, request.scope);
  for (const result of results) {
    if ('failure' in result) errors.push(result.failure.toGraphQLError());
    // Errors about the whole operation (validation) are reported once per agency, not per field.
    else
      for (const error of result.answer.errors)
        if (!error.path) errors.push(tagError(error, result.agency.code, undefined));
  }
  for (const p of plans) data[p.key] = merge(p, results, request.fragments, options.codec, errors);
  return data;
}
