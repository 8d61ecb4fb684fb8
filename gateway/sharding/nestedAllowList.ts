import {
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLFormattedError,
  Kind,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { type AllowListRewrite, ROOT_FIELD_STRATEGIES } from '../../schema/sharding.js';
import type { AgencyDirectory } from '../directory.js';
import { rewriteAllowList } from './allowList.js';

type Json = Record<string, unknown>;

/**
 * Allow-list rewrites of fields below the root, by field name: `Agency.courses` takes the same
 * `filter.curation` as `Query.courses` and is rewritten by the same rule (the learning contract has no
 * other `courses` field below the root).
 */
const NESTED_ALLOW_LISTS: Readonly<Record<string, AllowListRewrite>> = Object.fromEntries(
  Object.entries(ROOT_FIELD_STRATEGIES).flatMap(([field, strategy]) =>
    strategy.kind === 'CONNECTION' && strategy.allowList && field === 'courses' ? [[field, strategy.allowList]] : [],
  ),
);

const ROOT_TYPES = new Set(['Query', 'Mutation']);
const variableName = (n: number) => `_shard_nested_${n}`;

/** What the agencies receive instead of the subgraph operation: the rewritten document and each one's values. */
export interface NestedRewrite {
  readonly document: DocumentNode;
  /** The hidden variables' values for one agency (its own listed ids; none listed: an empty allow-list). */
  readonly variablesFor: (agency: string) => Json;
}

interface Found {
  readonly variable: string;
  readonly rule: AllowListRewrite;
  /** The field's argument holding the rule's `from` (e.g. `filter`), as the client gave it. */
  readonly value: unknown;
}

/** Variables the document still uses after the rewrite (an unused definition fails validation). */
function usedVariables(document: DocumentNode): Set<string> {
  const used = new Set<string>();
  visit(document, {
    VariableDefinition: () => false,
    Variable: (node) => {
      used.add(node.name.value);
    },
  });
  return used;
}

/** Parsed documents (kept per query text by the data source) known to hold no nested allow-list argument. */
const withoutNestedAllowLists = new WeakSet<DocumentNode>();

/**
 * The allow-list rewrite (schema/sharding.ts `AllowListRewrite`) for fields below the root, such as
 * `agencies { courses(filter: { curation: RECOMMENDED }) }` or an `Agency` entity's `courses`: the
 * field's argument becomes a hidden variable whose value each agency receives with its own listed ids
 * (an empty list when it holds none: its connection answers empty, exactly), `from` removed. Null when no
 * such field uses `from`; an error when the list has not been read from the registry yet.
 */
export function rewriteNestedAllowLists(
  directory: AgencyDirectory,
  document: DocumentNode,
  variables: Readonly<Json>,
): NestedRewrite | GraphQLFormattedError | null {
  if (withoutNestedAllowLists.has(document)) return null;
  const found: Found[] = [];
  let candidates = 0;
  let depth = 0;
  const rewritten = visit(document, {
    OperationDefinition: {
      enter: () => {
        depth = 0;
      },
    },
    FragmentDefinition: {
      // A fragment on a root type holds root fields at its top; any other fragment is below the root.
      enter: (node) => {
        depth = ROOT_TYPES.has(node.typeCondition.name.value) ? 0 : 1;
      },
    },
    Field: {
      enter(node): FieldNode | undefined {
        depth += 1;
        const rule = depth > 1 ? NESTED_ALLOW_LISTS[node.name.value] : undefined;
        if (!rule) return undefined;
        const [argument, ...inside] = rule.from;
        const arg = node.arguments?.find((a) => a.name.value === argument);
        if (!arg) return undefined;
        candidates += 1;
        const value = valueFromASTUntyped(arg.value, variables as Json);
        let wanted: unknown = value;
        for (const step of inside) wanted = wanted && typeof wanted === 'object' ? (wanted as Json)[step] : undefined;
        if (wanted === undefined || wanted === null) return undefined;
        const variable = variableName(found.length);
        found.push({ variable, rule, value });
        const replaced: ArgumentNode = {
          ...arg,
          value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: variable } },
        };
        return { ...node, arguments: (node.arguments ?? []).map((a) => (a === arg ? replaced : a)) };
      },
      leave: () => {
        depth -= 1;
      },
    },
  });
  // Whatever the variables, a document without such an argument has nothing to rewrite: not walked again.
  if (candidates === 0) withoutNestedAllowLists.add(document);
  if (found.length === 0) return null;

  const values = new Map<string, ReadonlyMap<string, unknown>>();
  const bases = new Map<string, Json>();
  for (const { variable, rule, value } of found) {
    const [argument] = rule.from;
    // An agency holding none of the listed ids gets the filter with an empty allow-list.
    const base: Json = { ...(value as Json) };
    delete base[rule.from.at(-1)!];
    bases.set(variable, { ...base, [rule.into.at(-1)!]: [] });
    const outcome = rewriteAllowList(directory, rule, { [argument!]: value }, argument!, variable);
    if (outcome === null) continue;
    if ('message' in outcome) return outcome;
    values.set(variable, outcome.values);
  }

  const used = usedVariables(rewritten);
  const types = new Map(found.map((f) => [f.variable, f.rule.inputType]));
  const definitions = visit(rewritten, {
    OperationDefinition(node): OperationDefinitionNode {
      const kept = (node.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
      const added: VariableDefinitionNode[] = [...types].map(([name, type]) => ({
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: name } },
        type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: type } },
      }));
      return { ...node, variableDefinitions: [...kept, ...added] };
    },
  });
  return {
    document: definitions,
    variablesFor: (agency) =>
      Object.fromEntries(
        found.map(({ variable }) => [variable, values.get(variable)?.get(agency) ?? bases.get(variable)]),
      ),
  };
}
