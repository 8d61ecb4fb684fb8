import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
  visit,
} from 'graphql';

export type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

export function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
}

export const responseKey = (field: FieldNode) => field.alias?.value ?? field.name.value;

/** Response keys of the fields named `name` in a selection set, through inline fragments and spreads. */
export function responseKeysFor(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  name: string,
): { key: string; field: FieldNode }[] {
  const found: { key: string; field: FieldNode }[] = [];
  const walk = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push({ key: responseKey(selection), field: selection });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet);
      } else {
        walk(fragments.get(selection.name.value)?.selectionSet);
      }
    }
  };
  walk(selectionSet);
  return found;
}

/** Argument values of a field, with variables substituted (enum values become their names). */
export function argumentValues(
  field: FieldNode,
  variables: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const arg of field.arguments ?? []) {
    values[arg.name.value] = valueFromASTUntyped(arg.value, variables as Record<string, unknown>);
  }
  return values;
}

export function valueAtPath(values: Readonly<Record<string, unknown>>, path: readonly string[]): unknown {
  let current: unknown = values;
  for (const step of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** Variable names and fragment names a set of AST nodes uses, following fragment spreads. */
export function usedNames(
  nodes: readonly FieldNode[],
  fragments: Fragments,
): { variables: Set<string>; fragments: Set<string> } {
  const variables = new Set<string>();
  const used = new Set<string>();
  const pending: Array<FieldNode | FragmentDefinitionNode> = [...nodes];
  while (pending.length > 0) {
    const node = pending.pop()!;
    visit(node, {
      Variable: (v) => {
        variables.add(v.name.value);
      },
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        const definition = fragments.get(name);
        if (!used.has(name) && definition) {
          used.add(name);
          pending.push(definition);
        }
      },
    });
  }
  return { variables, fragments: used };
}
