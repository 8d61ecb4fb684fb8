import type { GraphQLFormattedError } from 'graphql';
import { formattedError } from '../../schema/errors.js';
import { parseGlobalId } from '../../schema/globalId.js';
import type { AllowListRewrite, ArgPath } from '../../schema/sharding.js';
import type { AgencyDirectory } from '../directory.js';
import { valueAtPath } from './selections.js';

/**
 * A top-level argument that each agency receives with a value of its own (as a hidden variable): the
 * outcome of an allow-list rewrite (schema/sharding.ts `AllowListRewrite`).
 */
export interface ArgumentRewrite {
  readonly argument: string;
  readonly variable: string;
  /** The argument's input type, for the variable definition. */
  readonly type: string;
  /** The argument's value for each agency that holds listed ids; agencies absent here are not asked. */
  readonly values: ReadonlyMap<string, unknown>;
}

type Json = Record<string, unknown>;

/** A copy of `value` with the leaf at `path` removed (undefined) or set. */
function withLeaf(value: unknown, path: ArgPath, leaf: unknown): Json {
  const copy: Json = { ...(value && typeof value === 'object' ? (value as Json) : {}) };
  const [head, ...rest] = path;
  if (head === undefined) return copy;
  if (rest.length === 0) {
    if (leaf === undefined) delete copy[head];
    else copy[head] = leaf;
    return copy;
  }
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}

/**
 * Applies one allow-list rule to a field's arguments: null when the client did not use `from`; an error
 * when the list has not been read from the registry yet (the gateway cannot answer exactly, so it does
 * not answer); otherwise each agency's own listed ids, put at `into` in its copy of the argument.
 */
export function rewriteAllowList(
  directory: AgencyDirectory,
  rule: AllowListRewrite,
  args: Readonly<Json>,
  key: string,
  variable: string,
): ArgumentRewrite | GraphQLFormattedError | null {
  const wanted = valueAtPath(args, rule.from);
  if (wanted === undefined || wanted === null) return null;
  const listed = directory.idLists.get(rule.list, String(wanted));
  if (!listed) {
    return formattedError(
      'REGISTRY_UNAVAILABLE',
      `The gateway has not read the registry's ${rule.list} yet, so \`${rule.from.join('.')}\` cannot be answered; try again shortly.`,
      { path: [key] },
    );
  }
  const given = valueAtPath(args, rule.into);
  const allowed = Array.isArray(given)
    ? given.filter((id): id is string => typeof id === 'string' && listed.has(id))
    : [...listed];
  const byAgency = new Map<string, string[]>();
  for (const id of allowed) {
    const agency = parseGlobalId(id)?.agency;
    // Ids of agencies that are not active (suspended, removed) have nobody to answer them.
    if (agency && directory.get(agency)) byAgency.set(agency, [...(byAgency.get(agency) ?? []), id]);
  }
  const [argument, ...inside] = rule.from;
  const base = withLeaf(args[argument!], inside, undefined);
  const values = new Map<string, unknown>();
  for (const [agency, ids] of byAgency) values.set(agency, withLeaf(base, rule.into.slice(1), ids));
  return { argument: argument!, variable, type: rule.inputType, values };
}
