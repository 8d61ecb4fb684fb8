import { readFileSync } from 'node:fs';
import type { GraphQLFormattedError } from 'graphql';
import {
  buildSchema,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLEnumType,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  GraphQLScalarType,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
} from 'graphql';
import { formattedError } from '../../schema/errors.js';
import { parseGlobalId } from '../../schema/globalId.js';
import type { SubgraphAnswer, SubgraphRequest } from './agencyClient.js';

/**
 * An agency's answer is checked against the learning contract before anything of it is merged (issue 11):
 * every value has the contract's type (a count that is not a number is that agency's error, never a null
 * of the whole merged field), every field asked for is there, and every entity id belongs to the agency
 * that sent it (items under another agency's ids are dropped). Each problem is one AGENCY_BAD_RESPONSE
 * error naming the agency and the field; the agency's part of that root field is left out of the merge.
 */

/** Errors kept from one agency answer; more say nothing new and cost memory. */
const MAX_AGENCY_ERRORS = 100;

let contract: GraphQLSchema | undefined;
const schema = (): GraphQLSchema => {
  contract ??= buildSchema(readFileSync(new URL('../../schema/learning.graphql', import.meta.url), 'utf8'), {
    assumeValidSDL: true,
  });
  return contract;
};

const MAX_CACHED = 1000;
const documents = new Map<
  string,
  { operation: OperationDefinitionNode; fragments: Map<string, FragmentDefinitionNode> }
>();
function documentOf(query: string) {
  let known = documents.get(query);
  if (!known) {
    const document: DocumentNode = parse(query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation) throw new Error('no operation');
    const fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    known = { operation, fragments };
    if (documents.size >= MAX_CACHED) documents.clear();
    documents.set(query, known);
  }
  return known;
}

/** Errors the gateway itself wrote about an agency's answer: shown as they are (fanout.ts `tagError`). */
const gatewayWritten = new WeakSet<GraphQLFormattedError>();
export const isGatewayWritten = (error: GraphQLFormattedError): boolean => gatewayWritten.has(error);

function badResponse(agency: string, path: readonly (string | number)[], message: string): GraphQLFormattedError {
  const error = formattedError('AGENCY_BAD_RESPONSE', `Agency ${agency} sent an unusable answer: ${message}`, {
    path,
    extensions: { agency },
  });
  gatewayWritten.add(error);
  return error;
}

/** A value the contract does not allow, found at `where` (a readable field path). */
class Violation extends Error {}
/** An item under an id of another agency: left out of the list holding it. */
const DROP = Symbol('drop');
/** Which items a checked list left out, so that lists parallel to it (the same field under another alias) match. */
const droppedAt = new WeakMap<unknown[], number[]>();

interface Walk {
  readonly agency: string;
  readonly fragments: Map<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly dropped: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function included(node: FieldNode | SelectionSetNode['selections'][number], walk: Walk): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    const value =
      argument?.kind === Kind.BOOLEAN
        ? argument.value
        : argument?.kind === Kind.VARIABLE
          ? walk.variables[argument.name.value] === true
          : false;
    if ((name === 'skip' && value) || (name === 'include' && !value)) return false;
  }
  return true;
}

function applies(condition: string | undefined, type: GraphQLObjectType): boolean {
  if (!condition || condition === type.name) return true;
  const named = schema().getType(condition);
  return named !== undefined && isAbstractType(named) && schema().isSubType(named, type);
}

function collect(selectionSet: SelectionSetNode, type: GraphQLObjectType, walk: Walk, into: FieldNode[] = []) {
  for (const selection of selectionSet.selections) {
    if (!included(selection, walk)) continue;
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      if (applies(selection.typeCondition?.name.value, type)) collect(selection.selectionSet, type, walk, into);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (fragment && applies(fragment.typeCondition.name.value, type))
        collect(fragment.selectionSet, type, walk, into);
    }
  }
  return into;
}

function scalarOk(type: GraphQLScalarType, value: unknown): boolean {
  switch (type.name) {
    case 'Int':
      return Number.isInteger(value);
    case 'Float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'String':
      return typeof value === 'string';
    case 'Boolean':
      return typeof value === 'boolean';
    case 'ID':
      return typeof value === 'string' || Number.isInteger(value);
    default:
      // Custom scalars (DateTime, URL, ...) travel as strings or numbers, never as objects.
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  }
}

function checkValue(value: unknown, type: GraphQLOutputType, node: FieldNode, where: string, walk: Walk): unknown {
  if (type instanceof GraphQLNonNull) {
    if (value === null || value === undefined) throw new Violation(`${where} is null, which the contract forbids`);
    return checkValue(value, type.ofType, node, where, walk);
  }
  if (value === null || value === undefined) return null;
  if (type instanceof GraphQLList) {
    if (!Array.isArray(value)) throw new Violation(`${where} is not a list`);
    const kept: unknown[] = [];
    const dropped: number[] = [];
    value.forEach((item, index) => {
      const checked = checkValue(item, type.ofType, node, `${where}[${index}]`, walk);
      if (checked !== DROP) kept.push(checked);
      else dropped.push(index);
    });
    if (dropped.length > 0) droppedAt.set(kept, dropped);
    return kept;
  }
  if (type instanceof GraphQLScalarType) {
    if (!scalarOk(type, value)) throw new Violation(`${where} is not of type ${type.name}`);
    return value;
  }
  if (type instanceof GraphQLEnumType) {
    if (typeof value !== 'string' || !type.getValue(value)) throw new Violation(`${where} is not of type ${type.name}`);
    return value;
  }
  if (!isObject(value)) throw new Violation(`${where} is not an object`);
  let objectType: GraphQLObjectType | undefined;
  if (isObjectType(type)) objectType = type;
  else {
    const named = typeof value.__typename === 'string' ? schema().getType(value.__typename) : undefined;
    if (!named || !isObjectType(named) || !schema().isSubType(type as never, named)) {
      throw new Violation(`${where} has no type the contract allows there`);
    }
    objectType = named;
  }
  return node.selectionSet ? checkObject(value, objectType, node.selectionSet, where, walk) : value;
}

function checkObject(
  value: Record<string, unknown>,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  where: string,
  walk: Walk,
): Record<string, unknown> | typeof DROP {
  const out: Record<string, unknown> = {};
  const fields = type.getFields();
  for (const field of collect(selectionSet, type, walk)) {
    const key = field.alias?.value ?? field.name.value;
    if (key in out) continue;
    const at = `${where}.${key}`;
    if (!(key in value)) throw new Violation(`${at} is missing`);
    if (field.name.value === '__typename') {
      if (typeof value[key] !== 'string') throw new Violation(`${at} is not a String`);
      out[key] = value[key];
      continue;
    }
    const definition = fields[field.name.value];
    if (!definition) throw new Violation(`${at} is not in the contract`);
    const checked = checkValue(value[key], definition.type, field, at, walk);
    // The nearest list holding this object leaves it out (an edge whose node is foreign goes with it).
    if (checked === DROP) return DROP;
    // An entity under another agency's id: the agency may not speak for it.
    if (field.name.value === 'id' && typeof checked === 'string') {
      const owner = parseGlobalId(checked)?.agency;
      if (owner !== undefined && owner !== walk.agency) {
        walk.dropped.push(where);
        return DROP;
      }
    }
    out[key] = checked;
  }
  alignParallelLists(out, collect(selectionSet, type, walk));
  return out;
}

/**
 * The gateway asks for some lists twice, under its own alias (`_shard_edges: edges { cursor }` beside
 * `edges { node { id } }`) and merges them index by index: an item left out of one is left out of both.
 */
function alignParallelLists(out: Record<string, unknown>, fields: readonly FieldNode[]): void {
  for (const field of fields) {
    const key = field.alias?.value ?? field.name.value;
    const list = out[key];
    const dropped = Array.isArray(list) ? droppedAt.get(list) : undefined;
    if (!dropped) continue;
    for (const twin of fields) {
      const twinKey = twin.alias?.value ?? twin.name.value;
      const other = out[twinKey];
      if (twinKey === key || twin.name.value !== field.name.value || !Array.isArray(other) || droppedAt.has(other))
        continue;
      const skip = new Set(dropped);
      const aligned = other.filter((_, index) => !skip.has(index));
      droppedAt.set(aligned, dropped);
      out[twinKey] = aligned;
    }
  }
}

/** The answer with every unusable root field (or entity) nulled, and an error naming each problem. */
export function validateAnswer(agency: string, request: SubgraphRequest, answer: SubgraphAnswer): SubgraphAnswer {
  const errors = answer.errors.slice(0, MAX_AGENCY_ERRORS);
  if (!answer.data) return errors.length === answer.errors.length ? answer : { ...answer, errors };
  let document: ReturnType<typeof documentOf>;
  try {
    document = documentOf(request.query);
  } catch {
    return answer; // not ours to judge: the gateway wrote the request
  }
  const root = document.operation.operation === 'mutation' ? schema().getMutationType() : schema().getQueryType();
  if (!root) return answer;
  const walk: Walk = { agency, fragments: document.fragments, variables: request.variables, dropped: [] };
  const data: Record<string, unknown> = {};
  const problems: GraphQLFormattedError[] = [];
  for (const field of collect(document.operation.selectionSet, root, walk)) {
    const key = field.alias?.value ?? field.name.value;
    if (key in data) continue;
    if (!(key in answer.data)) {
      data[key] = null;
      problems.push(badResponse(agency, [key], `${key} is missing`));
      continue;
    }
    if (field.name.value === '_entities') {
      data[key] = checkEntities(answer.data[key], field, walk, problems);
      continue;
    }
    const definition = root.getFields()[field.name.value];
    if (!definition || field.name.value === '__typename') {
      data[key] = answer.data[key];
      continue;
    }
    walk.dropped.length = 0;
    try {
      const checked = checkValue(answer.data[key], definition.type, field, key, walk);
      data[key] = checked === DROP ? null : checked;
      if (walk.dropped.length > 0) {
        problems.push(
          badResponse(agency, [key], `${walk.dropped.length} item(s) under another agency's ids were left out`),
        );
      }
    } catch (error) {
      if (!(error instanceof Violation)) throw error;
      data[key] = null;
      problems.push(badResponse(agency, [key], error.message));
    }
  }
  return { ...answer, data, errors: [...errors, ...problems] };
}

function checkEntities(value: unknown, field: FieldNode, walk: Walk, problems: GraphQLFormattedError[]): unknown {
  if (!Array.isArray(value) || !field.selectionSet) return value; // entities.ts reports a wrong shape
  const representations = (walk.variables.representations ?? []) as { __typename?: unknown }[];
  return value.map((item, index) => {
    if (item === null) return null;
    const typename = representations[index]?.__typename;
    const type = typeof typename === 'string' ? schema().getType(typename) : undefined;
    if (!type || !isObjectType(type) || !field.selectionSet) return item;
    walk.dropped.length = 0;
    try {
      if (!isObject(item)) throw new Violation(`_entities[${index}] is not an object`);
      const checked = checkObject(item, type, field.selectionSet, `_entities[${index}]`, walk);
      if (checked === DROP || walk.dropped.length > 0) {
        problems.push(badResponse(walk.agency, ['_entities', index], "an item under another agency's id was left out"));
      }
      return checked === DROP ? null : checked;
    } catch (error) {
      if (!(error instanceof Violation)) throw error;
      problems.push(badResponse(walk.agency, ['_entities', index], error.message));
      return null;
    }
  });
}
