import type { FieldNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { encodeSortKeyCursor } from '../../schema/ordering.js';
import type { AgencyDirectory, AgencyEndpoint } from '../directory.js';
import type { CallScope, SubgraphRequest } from './agencyClient.js';
import type { CursorCodec } from './cursor.js';
import { type FanoutSettings, fanOut, tagError } from './fanout.js';
import { mergeField } from './mergeField.js';
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
  /** Variables of each agency's own (nested allow-list rewrites: nestedAllowList.ts). */
  readonly agencyVariables?: ((agency: string) => Json) | undefined;
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
    const resumeKey = p.strategy?.kind === 'CONNECTION' ? p.strategy.paging.resumeKey : null;
    if (p.resumes && resumeKey) variables[HIDDEN.afterVariable(p.index)] = encodeSortKeyCursor(resumeKey);
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
): Promise<{ readonly data: Json; readonly errors: readonly GraphQLFormattedError[] }> {
  const planned = planRootFields(options, request);
  const plans = planned.plans;
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
  const requestFor = (agency: AgencyEndpoint, agencyPlans: readonly Plan[]) => {
    const signature = agencyPlans
      .map((p) => `${p.index}${p.resumes ? 'r' : ''}${p.argumentRewrite ? 'a' : ''}`)
      .join(',');
    let built = requests.get(signature);
    if (!built) {
      built = buildRequest(request, agencyPlans, signature);
      requests.set(signature, built);
    }
    // An allow-list rewrite gives each agency its own value of the rewritten argument.
    const own = agencyPlans.filter((p) => p.argumentRewrite);
    if (own.length === 0 && !request.agencyVariables) return built;
    const variables = { ...built.variables, ...request.agencyVariables?.(agency.code) };
    for (const p of own) variables[p.argumentRewrite!.variable] = p.argumentRewrite!.values.get(agency.code);
    return { ...built, variables };
  };
  const jobs = [...byAgency.values()].map(({ agency, plans: agencyPlans }) => ({
    agency,
    request: requestFor(agency, agencyPlans),
  }));
  const results = await fanOut(options, jobs, request.deadline, request.scope);
  const agencyErrors = results.flatMap((result) =>
    'failure' in result
      ? (byAgency.get(result.agency.code)?.plans ?? []).map((p) => result.failure.toGraphQLError([p.key]))
      : // Errors about the whole operation (validation) are reported once per agency, not per field.
        result.answer.errors
          .filter((error) => !error.path)
          .map((error) => tagError(error, result.agency.code, undefined)),
  );
  const fieldErrors = plans.flatMap((p) => {
    const merged = mergeField(p, results, request.fragments, options.codec);
    data[p.key] = merged.value;
    return merged.errors;
  });
  return { data, errors: [...planned.errors, ...agencyErrors, ...fieldErrors] };
}
