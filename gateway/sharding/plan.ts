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

/** A root field with its strategy, target agencies and validated paging. */
export interface Plan extends PlannedField {
  readonly key: string;
  readonly targets: readonly AgencyEndpoint[];
  readonly paging?: { first: number; descending: boolean; fingerprint: string; resumeKey: SortKey | null };
}

type Json = Record<string, unknown>;
const badInput = (message: string, key: string, code: ErrorCode = 'BAD_USER_INPUT'): GraphQLFormattedError =>
  formattedError(code, message, { path: [key] });

/** Validates paging arguments once at the gateway, so N agencies do not report the same mistake N times. */
function pagingOf(
  strategy: ShardingStrategy,
  field: FieldNode,
  args: Json,
  codec: CursorCodec,
  key: string,
): Plan['paging'] | GraphQLFormattedError | undefined {
  if (strategy.kind !== 'CONNECTION') return undefined;
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  const problem = pageSizeProblem(first);
  if (problem || typeof first !== 'number') return badInput(problem ?? '', key);
  const fingerprint = queryFingerprint(field.name.value, args);
  let resumeKey: SortKey | null = null;
  if (typeof args.after === 'string') {
    resumeKey = codec.decode(args.after, fingerprint);
    if (!resumeKey) {
      return badInput(INVALID_CURSOR_MESSAGE, key, 'INVALID_CURSOR');
    }
  }
  const direction = (args.orderBy as Json | undefined)?.direction;
  return { first, descending: direction === 'DESC', fingerprint, resumeKey };
}

/**
 * Resolves each root field's strategy, targets and paging; fields that cannot be answered (bad input, an
 * unknown agency, a mutation that cannot be routed) add an error and are left out.
 */
export function planRootFields(
  options: { readonly directory: AgencyDirectory; readonly codec: CursorCodec },
  request: {
    readonly operation: OperationDefinitionNode;
    readonly fields: readonly FieldNode[];
    readonly variables: Readonly<Record<string, unknown>>;
  },
  errors: GraphQLFormattedError[],
): Plan[] {
  const plans: Plan[] = [];
  for (const [index, field] of request.fields.entries()) {
    const key = responseKey(field);
    if (field.name.value === '__typename') continue;
    const strategy = ROOT_FIELD_STRATEGIES[field.name.value];
    const mutation = request.operation.operation === 'mutation';
    if (!strategy || (mutation && strategy.kind !== 'ROUTE')) {
      // Fields outside the contract (e.g. `_service`) are the same everywhere: one agency answers.
      const any = options.directory.active()[0];
      if (mutation) errors.push(badInput(`Mutation ${field.name.value} cannot be routed to one agency.`, key));
      else if (any) plans.push({ node: field, strategy: undefined, index, resumes: false, key, targets: [any] });
      continue;
    }
    const args = argumentValues(field, request.variables);
    const targets = targetsFor(options.directory, strategy, args, key);
    if ('error' in targets) {
      errors.push(targets.error);
      continue;
    }
    const paging = pagingOf(strategy, field, args, options.codec, key);
    if (paging && 'message' in paging) {
      errors.push(paging);
      continue;
    }
    plans.push({
      node: field,
      strategy,
      index,
      key,
      targets: targets.agencies,
      resumes: Boolean(paging?.resumeKey),
      ...(paging ? { paging } : {}),
    });
  }
  return plans;
}
