import {
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../schema/paging.js';

/**
 * The most fields an operation can resolve, before running it: every field counts once per parent, and a
 * field with `first` (a connection page) or `representations` (entities) multiplies what is below it.
 * Aliases and nesting multiply the count, so the 1000-alias and depth-34 queries of issue 11 are refused
 * before any work starts, while ordinary pages stay far below the limit. Stops counting past `limit`.
 */
export function estimateFields(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
  limit: number,
): number {
  const argumentValue = (node: ValueNode | undefined): unknown =>
    node?.kind === Kind.VARIABLE ? variables[node.name.value] : node?.kind === Kind.INT ? Number(node.value) : node;

  const walk = (selectionSet: SelectionSetNode, multiplier: number, visiting: ReadonlySet<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (total > limit) return total;
      if (selection.kind === Kind.FIELD) {
        total += multiplier;
        if (!selection.selectionSet) continue;
        const first = selection.arguments?.find((a) => a.name.value === 'first');
        const representations = selection.arguments?.find((a) => a.name.value === 'representations');
        let factor = 1;
        if (first) {
          const n = argumentValue(first.value);
          factor =
            typeof n === 'number' && Number.isFinite(n) ? Math.min(Math.max(n, 1), MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
        } else if (representations) {
          const list = argumentValue(representations.value);
          factor = Array.isArray(list) ? Math.max(list.length, 1) : 1;
        } else if (selection.name.value === 'enrollments' || selection.name.value === 'credentials') {
          factor = DEFAULT_PAGE_SIZE; // connections without `first` answer a default page
        }
        total += walk(selection.selectionSet, multiplier * factor, visiting);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += walk(selection.selectionSet, multiplier, visiting);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment cycle is a validation error; never loop on it here.
        if (fragment && !visiting.has(name))
          total += walk(fragment.selectionSet, multiplier, new Set([...visiting, name]));
      }
    }
    return total;
  };
  return walk(operation.selectionSet, 1, new Set());
}
