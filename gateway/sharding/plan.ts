import type { FieldNode, GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { type ErrorCode, formattedError, INVALID_CURSOR_MESSAGE } from '../../schema/errors.js';
import type { SortKey } from '../../schema/ordering.js';
import { DEFAULT_PAGE_SIZE, pageSizeProblem } from '../../schema/paging.js';
import { ROOT_FIELD_STRATEGIES, type ShardingStrategy } from '../../schema/sharding.js';
import type { AgencyDirectory, AgencyEndpoint } from '../directory.js';
import { type CursorCodec, queryFingerprint } from './cursor.js';
import type { PlannedField } from './rewrite.js';
import { argumentValues, responseKey } from './selections.js';
import { targetsFor } from './targets.js';

/** Validated paging of a CONNECTION field. */
export interface Paging {
  readonly first: number;
  readonly descending: boolean;
  readonly fingerprint: string;
  readonly resumeKey: SortKey | null;
}

type ConnectionStrategy = Extract<ShardingStrategy, { kind: 'CONNECTION' }>;

/** A field's strategy as planned: a CONNECTION carries its validated paging. */
export type PlannedStrategy =
  | (ConnectionStrategy & { readonly paging: Paging })
  | Exclude<ShardingStrategy, ConnectionStrategy>;

/** A root field with its strategy (undefined: outside the contract, one agency answers) and target agencies. */
export interface Plan extends PlannedField {
  readonly strategy: PlannedStrategy | undefined;
  readonly key: string;
  readonly targets: readonly AgencyEndpoint[];
}

/** What planning found: the fields to ask for, and the errors of those it left out. */
export interface PlanOutcome {
  readonly plans: readonly Plan[];
  readonly errors: readonly GraphQLFormattedError[];
}

type Json = Record<string, unknown>;
const badInput = (message: string, key: string, code: ErrorCode = 'BAD_USER_INPUT'): GraphQLFormattedError =>
  formattedError(code, message, { path: [key] });

/** Validates paging arguments once at the gateway, so N agencies do not report the same mistake N times. */
function pagingOf(field: FieldNode, args: Json, codec: CursorCodec, key: string): Paging | GraphQLFormattedError {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const problem = pageSizeProblem(first);
  if (problem || typeof first !== 'number') return badInput(problem ?? '', key);
  const fingerprint = queryFingerprint(field.name.value, args);
  let resumeKey: SortKey | null = null;
  if (typeof args.after === 'string') {
    resumeKey = codec.decode(args.after, fingerprint);
    if (!resumeKey) return badInput(INVALID_CURSOR_MESSAGE, key, 'INVALID_CURSOR');
  }
  const direction = (args.orderBy as Json | undefined)?.direction;
  return { first, descending: direction === 'DESC', fingerprint, resumeKey };
}

const isError = (value: object): value is GraphQLFormattedError => 'message' in value;

/**
 * One root field: its strategy, targets and paging, or the error that leaves it out (bad input, an unknown
 * agency, a mutation that cannot be routed). Null for fields nobody is asked about (`__typename`).
 */
function planField(
  options: { readonly directory: AgencyDirectory; readonly codec: CursorCodec },
  operation: OperationDefinitionNode,
  field: FieldNode,
  index: number,
  variables: Readonly<Record<string, unknown>>,
): Plan | GraphQLFormattedError | null {
  const key = responseKey(field);
  if (field.name.value === '__typename') return null;
  const strategy = ROOT_FIELD_STRATEGIES[field.name.value];
  const mutation = operation.operation === 'mutation';
  if (mutation && strategy?.kind !== 'ROUTE') {
    return badInput(`Mutation ${field.name.value} cannot be routed to one agency.`, key);
  }
  if (!strategy) {
    // Fields outside the contract (e.g. `_service`) are the same everywhere: one agency answers.
    const any = options.directory.active()[0];
    return any ? { node: field, strategy: undefined, index, resumes: false, key, targets: [any] } : null;
  }
  const args = argumentValues(field, variables);
  const targets = targetsFor(options.directory, strategy, args, key);
  if ('error' in targets) return targets.error;
  const base = { node: field, index, key, targets: targets.agencies };
  if (strategy.kind !== 'CONNECTION') return { ...base, strategy, resumes: false };
  const paging = pagingOf(field, args, options.codec, key);
  if (isError(paging)) return paging;
  return { ...base, strategy: { ...strategy, paging }, resumes: paging.resumeKey !== null };
}

/** Plans every root field of a subgraph operation; errors come back as values, one per field left out. */
export function planRootFields(
  options: { readonly directory: AgencyDirectory; readonly codec: CursorCodec },
  request: {
    readonly operation: OperationDefinitionNode;
    readonly fields: readonly FieldNode[];
    readonly variables: Readonly<Record<string, unknown>>;
  },
): PlanOutcome {
  const plans: Plan[] = [];
  const errors: GraphQLFormattedError[] = [];
  for (const [index, field] of request.fields.entries()) {
    const planned = planField(options, request.operation, field, index, request.variables);
    if (planned === null) continue;
    if (isError(planned)) errors.push(planned);
    else plans.push(planned);
  }
  return { plans, errors };
}
