import type { DocumentNode, GraphQLSchema } from 'graphql';
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity/cjs';
import { DEFAULT_PAGE_SIZE } from '../../schema/paging.js';
import { ROOT_FIELD_STRATEGIES } from '../../schema/sharding.js';

/**
 * The cost model (issue 12): every field costs 1 plus what it selects; a connection's selection costs
 * `first` times (the default page when `first` is absent); a root field that fans out (every strategy but
 * ROUTE) costs once per agency it asks — the named ones when `filter.agencies` is given, else every
 * active agency.
 */
export function costEstimator(activeAgencies: () => number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const pages = field.args.some((a) => a.name === 'first')
      ? typeof args.first === 'number'
        ? Math.max(args.first, 1)
        : DEFAULT_PAGE_SIZE
      : 1;
    const own = 1 + pages * childComplexity;
    const strategy = type.name === 'Query' ? ROOT_FIELD_STRATEGIES[field.name] : undefined;
    if (!strategy || strategy.kind === 'ROUTE') return own;
    const named = (args.filter as { agencies?: unknown } | undefined)?.agencies;
    const agencies = Array.isArray(named) ? named.length : activeAgencies();
    return own * Math.max(agencies, 1);
  };
}

/**
 * Costs per schema and parsed document (Apollo Server keeps one per query text), by operation, variables
 * and number of agencies.
 */
const costs = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
const MAX_COSTS_PER_DOCUMENT = 100;

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  activeAgencies: () => number,
): number {
  // The cost depends on nothing else, so a repeated query (the same page, again) is not walked again.
  const key = JSON.stringify([operationName ?? null, activeAgencies(), variables]);
  let perSchema = costs.get(schema);
  if (!perSchema) {
    perSchema = new WeakMap();
    costs.set(schema, perSchema);
  }
  let known = perSchema.get(document);
  const cached = known?.get(key);
  if (cached !== undefined) return cached;
  const cost = getComplexity({
    schema,
    query: document,
    ...(operationName ? { operationName } : {}),
    variables,
    estimators: [costEstimator(activeAgencies)],
  });
  if (!known) {
    known = new Map();
    perSchema.set(document, known);
  }
  if (known.size >= MAX_COSTS_PER_DOCUMENT) known.clear();
  known.set(key, cost);
  return cost;
}
