import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { ShardingStrategy } from '../../schema/sharding.js';
import { UnreachableCaseError } from '../../schema/unreachable.js';
import { type Fragments, usedNames } from './selections.js';

/** Aliases the gateway adds to what it sends agencies; stripped before answering. */
export const HIDDEN = {
  total: '_shard_total',
  page: '_shard_page',
  edges: '_shard_edges',
  cursor: '_shard_cursor',
  numerator: (rate: string) => `_shard_num_${rate}`,
  denominator: (rate: string) => `_shard_den_${rate}`,
  afterVariable: (index: number) => `_shard_after_${index}`,
} as const;

export const isHiddenKey = (key: string) => key.startsWith('_shard_');

const selection = (source: string): SelectionNode => {
  const op = parse(`{ ${source} }`).definitions[0] as OperationDefinitionNode;
  return op.selectionSet.selections[0]!;
};

export interface PlannedField {
  readonly node: FieldNode;
  readonly strategy: ShardingStrategy | undefined;
  /** Position among root fields, for hidden variable names. */
  readonly index: number;
  /** Whether the gateway passes a resume key as `after` (CONNECTION with a cursor). */
  readonly resumes: boolean;
}

/** The hidden selections and arguments a CONNECTION needs: totals, page info, sort-key cursors, the resume key. */
function rewriteConnection(field: PlannedField): FieldNode {
  const { node } = field;
  const args = (node.arguments ?? []).filter((a) => a.name.value !== 'after');
  const resume: ArgumentNode[] = field.resumes
    ? [
        {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'after' },
          value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: HIDDEN.afterVariable(field.index) } },
        },
      ]
    : [];
  return withSelections({ ...node, arguments: [...args, ...resume] }, [
    selection(`${HIDDEN.total}: totalCount`),
    selection(`${HIDDEN.page}: pageInfo { hasNextPage }`),
    selection(`${HIDDEN.edges}: edges { ${HIDDEN.cursor}: cursor }`),
  ]);
}

/** Each declared rate's numerator and denominator, so the gateway can recompute the rate from sums. */
function rewriteSum(node: FieldNode, ratios: Readonly<Record<string, readonly [string, string]>>): FieldNode {
  return withSelections(
    node,
    Object.entries(ratios).flatMap(([rate, [numerator, denominator]]) => [
      selection(`${HIDDEN.numerator(rate)}: ${numerator}`),
      selection(`${HIDDEN.denominator(rate)}: ${denominator}`),
    ]),
  );
}

const withSelections = (node: FieldNode, extra: readonly SelectionNode[]): FieldNode => ({
  ...node,
  selectionSet: { kind: Kind.SELECTION_SET, selections: [...(node.selectionSet?.selections ?? []), ...extra] },
});

/** The field as agencies receive it: hidden selections added, `after` replaced by the resume key. */
export function rewriteField(field: PlannedField): FieldNode {
  const strategy = field.strategy;
  switch (strategy?.kind) {
    case undefined:
    case 'LIST':
    case 'ROUTE':
      return field.node;
    case 'CONNECTION':
      return rewriteConnection(field);
    case 'SUM':
      return rewriteSum(field.node, strategy.ratios);
    default:
      throw new UnreachableCaseError(strategy);
  }
}

/**
 * Builds the operation one agency receives: only the root fields it must answer, rewritten, with unused
 * variables and fragments pruned (GraphQL validation rejects unused ones).
 */
export function buildAgencyOperation(
  operation: OperationDefinitionNode,
  fragments: Fragments,
  fields: readonly PlannedField[],
): string {
  const rewritten = fields.map(rewriteField);
  const used = usedNames(rewritten, fragments);
  const variableDefinitions: VariableDefinitionNode[] = (operation.variableDefinitions ?? []).filter((d) =>
    used.variables.has(d.variable.name.value),
  );
  for (const field of fields) {
    if (!field.resumes) continue;
    const name = HIDDEN.afterVariable(field.index);
    variableDefinitions.push({
      kind: Kind.VARIABLE_DEFINITION,
      variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
      type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
    });
  }
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        ...operation,
        variableDefinitions,
        selectionSet: { kind: Kind.SELECTION_SET, selections: rewritten },
      },
      ...[...used.fragments].map((name) => fragments.get(name)!),
    ],
  };
  return print(document);
}
