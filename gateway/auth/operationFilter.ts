import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Principal } from '../../schema/principal.js';
import { type AccessDecision, type AccessRules, combinedRule, decide } from './rules.js';

/** Aliases the gateway adds for itself and strips from the answer; clients must not use this prefix. */
export const HIDDEN_PREFIX = '_cv_';
/** A response path of keys; `@` stands for every item of a list (the Apollo Router convention). */
export type KeyPath = readonly string[];

export interface Removal {
  /** Where the refused field was asked for. */
  readonly path: KeyPath;
  /** `Type.field`. */
  readonly coordinate: string;
  readonly code: Exclude<AccessDecision, 'ALLOW'>;
  /** Where null goes: the field itself, or its nearest nullable ancestor when it is non-null. */
  readonly nullAt: KeyPath;
}

/** A `LearningStats` selection, for small-cell suppression of its counts. */
export interface StatsSite {
  readonly path: KeyPath;
  readonly field: GraphQLField<unknown, unknown>;
  readonly node: FieldNode;
  /** Hidden key of the parent Agency's code when the stats are one agency's (`Agency.learningStats`). */
  readonly agencyCodeKey: string | null;
  /** Response key → field name of the stats selection. */
  readonly keys: ReadonlyMap<string, string>;
}

export interface FilteredOperation {
  /** The document to execute; the original when nothing changed. */
  readonly document: DocumentNode;
  readonly changed: boolean;
  readonly removals: readonly Removal[];
  readonly statsSites: readonly StatsSite[];
  /** `Type.field` of personal types the operation reads (for the audit trail). */
  readonly personalFields: readonly string[];
}

export interface FilterOptions {
  readonly schema: GraphQLSchema;
  readonly rules: AccessRules;
  readonly principal: Principal;
  /** Types whose fields are personal data. */
  readonly personalTypes: ReadonlySet<string>;
  readonly statsType: string;
  readonly agencyType: string;
}

const field = (alias: string | undefined, name: string): FieldNode => ({
  kind: Kind.FIELD,
  ...(alias ? { alias: { kind: Kind.NAME, value: alias } } : {}),
  name: { kind: Kind.NAME, value: name },
});

const listDepth = (type: GraphQLOutputType): number => {
  let depth = 0;
  let current = getNullableType(type);
  while (isListType(current)) {
    depth += 1;
    current = getNullableType(current.ofType);
  }
  return depth;
};

interface Walk {
  readonly selections: SelectionNode[];
  /** A non-null field inside was refused: the enclosing object must be null. */
  readonly bubble: boolean;
}

/**
 * Removes the fields a principal may not see from an operation (as the Apollo Router does with the same
 * directives), so the gateway never fetches them; records where each was asked for, so the answer gets a
 * null and one coded error there. Fragments are inlined in the rewritten document.
 */
export function filterOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  options: FilterOptions,
): FilteredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (!operationName || definition.name?.value === operationName)
    ) {
      operation ??= definition;
    }
  }
  const root = operation && options.schema.getRootType(operation.operation);
  if (!operation || !root) {
    return { document, changed: false, removals: [], statsSites: [], personalFields: [] };
  }
  const removals: Removal[] = [];
  const statsSites: StatsSite[] = [];
  const personalFields = new Set<string>();
  let changed = false;

  const walk = (set: SelectionSetNode, parent: GraphQLObjectType, path: KeyPath, nullablePath: KeyPath): Walk => {
    const selections: SelectionNode[] = [];
    let bubble = false;
    let needsAgencyCode = false;
    const visit = (selection: SelectionNode, type: GraphQLObjectType) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD || selection.kind === Kind.INLINE_FRAGMENT) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
        if (!fragment) return;
        const condition = fragment.typeCondition ? options.schema.getType(fragment.typeCondition.name.value) : type;
        if (!isObjectType(condition)) return;
        const inner = walk(fragment.selectionSet, condition, path, nullablePath);
        bubble ||= inner.bubble;
        if (selection.kind === Kind.FRAGMENT_SPREAD) changed = true;
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: condition.name } },
          ...(selection.directives ? { directives: selection.directives } : {}),
          selectionSet: { kind: Kind.SELECTION_SET, selections: inner.selections },
        });
        return;
      }
      const name = selection.name.value;
      const definition = type.getFields()[name];
      if (name.startsWith('__') || !definition) {
        selections.push(selection);
        return;
      }
      const key = selection.alias?.value ?? name;
      const returnType: GraphQLNamedType = getNamedType(definition.type);
      const fieldPath = [...path, key];
      const nullable = !isNonNullType(definition.type);
      const deny = combinedRule(options.rules, type.name, name, returnType.name)
        .map((rule) => decide(rule, options.principal))
        .find((decision) => decision !== 'ALLOW');
      if (deny) {
        changed = true;
        if (!nullable) bubble = true;
        removals.push({
          path: fieldPath,
          coordinate: `${type.name}.${name}`,
          code: deny,
          nullAt: nullable ? fieldPath : nullablePath,
        });
        return;
      }
      if (options.personalTypes.has(type.name)) personalFields.add(`${type.name}.${name}`);
      if (!selection.selectionSet || !isObjectType(returnType)) {
        selections.push(selection);
        return;
      }
      const itemPath = [...fieldPath, ...Array<string>(listDepth(definition.type)).fill('@')];
      const inner = walk(selection.selectionSet, returnType, itemPath, nullable ? fieldPath : nullablePath);
      if (inner.bubble && !nullable) bubble = true;
      const innerSelections = [...inner.selections];
      if (returnType.name === options.statsType) {
        changed = true;
        if (type.name === options.agencyType) needsAgencyCode = true;
        innerSelections.push(...hiddenCounts(innerSelections));
        statsSites.push({
          path: itemPath,
          field: definition,
          node: selection,
          agencyCodeKey: type.name === options.agencyType ? `${HIDDEN_PREFIX}code` : null,
          keys: statsKeys(innerSelections),
        });
      }
      if (innerSelections.length === 0) {
        changed = true;
        innerSelections.push(field(`${HIDDEN_PREFIX}typename`, '__typename'));
      }
      selections.push({ ...selection, selectionSet: { kind: Kind.SELECTION_SET, selections: innerSelections } });
    };
    for (const selection of set.selections) visit(selection, parent);
    if (needsAgencyCode) {
      selections.push(field(`${HIDDEN_PREFIX}code`, 'code'));
    }
    return { selections, bubble };
  };

  const { selections } = walk(operation.selectionSet, root, [], []);
  if (!changed) return { document, changed, removals, statsSites, personalFields: [...personalFields] };
  if (selections.length === 0) selections.push(field(`${HIDDEN_PREFIX}typename`, '__typename'));
  const rewritten: OperationDefinitionNode = {
    ...operation,
    selectionSet: { kind: Kind.SELECTION_SET, selections },
  };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [rewritten] },
    changed,
    removals,
    statsSites,
    personalFields: [...personalFields],
  };
}

/** The counts behind a requested rate, fetched under hidden aliases so the rate can be judged. */
function hiddenCounts(selections: readonly SelectionNode[]): FieldNode[] {
  const names = new Set(selections.flatMap((s) => (s.kind === Kind.FIELD && !s.alias ? [s.name.value] : [])));
  const wantsRate = selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'completionRate');
  if (!wantsRate) return [];
  return ['completedCount', 'enrollmentCount']
    .filter((name) => !names.has(name))
    .map((name) => field(`${HIDDEN_PREFIX}${name}`, name));
}

function statsKeys(selections: readonly SelectionNode[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const s of selections) {
    if (s.kind === Kind.FIELD) keys.set(s.alias?.value ?? s.name.value, s.name.value);
  }
  return keys;
}
