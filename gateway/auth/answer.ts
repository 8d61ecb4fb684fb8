import { type GraphQLFormattedError, getArgumentValues } from 'graphql';
import { fieldsToSuppress, SUPPRESSION_REASON } from '../../schema/disclosure.js';
import { formattedError } from '../../schema/errors.js';
import { managedAgency, type Principal } from '../../schema/principal.js';
import { HIDDEN_PREFIX, type KeyPath, type Removal, type StatsSite } from './operationFilter.js';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Every object at `path` ('@' = each list item), with its concrete path. */
function* objectsAt(node: unknown, path: KeyPath, at: Path = []): Generator<{ value: Json; path: Path }> {
  if (node === null || node === undefined) return;
  if (path.length === 0) {
    if (typeof node === 'object' && !Array.isArray(node)) yield { value: node as Json, path: at };
    return;
  }
  const [head, ...rest] = path;
  if (head === '@') {
    if (Array.isArray(node)) for (const [i, item] of node.entries()) yield* objectsAt(item, rest, [...at, i]);
    return;
  }
  if (typeof node === 'object' && !Array.isArray(node)) yield* objectsAt((node as Json)[head!], rest, [...at, head!]);
}

const MESSAGES = {
  UNAUTHENTICATED: (coordinate: string) => `Sign in to read ${coordinate}: it is personal data.`,
  FORBIDDEN: (coordinate: string) => `Your role does not allow reading ${coordinate}.`,
} as const;

/** Puts a null where each refused field was asked for, and one error naming its path. */
export function applyRemovals(data: Json | null | undefined, removals: readonly Removal[]): GraphQLFormattedError[] {
  const errors: GraphQLFormattedError[] = [];
  for (const removal of removals) {
    if (data) {
      if (removal.nullAt.length === 0) {
        for (const key of Object.keys(data)) data[key] = null;
      } else {
        const parentPath = removal.nullAt.slice(0, -1);
        const key = removal.nullAt[removal.nullAt.length - 1]!;
        for (const parent of objectsAt(data, parentPath)) parent.value[key] = null;
      }
    }
    errors.push(
      formattedError(removal.code, MESSAGES[removal.code](removal.coordinate), {
        path: [...removal.path],
        extensions: { field: removal.coordinate },
      }),
    );
  }
  return errors;
}

export interface Suppression {
  readonly path: Path;
  readonly reason: typeof SUPPRESSION_REASON;
}

/** The agencies an aggregate covers: `filter.agencies` of the root field, or all of them (`null`). */
function scopeOf(site: StatsSite, variables: Json, parent: Json): readonly string[] | null {
  if (site.agencyCodeKey) {
    const code = parent[site.agencyCodeKey];
    return typeof code === 'string' ? [code] : null;
  }
  const args = getArgumentValues(site.field, site.node, variables) as { filter?: { agencies?: unknown } };
  const agencies = args.filter?.agencies;
  return Array.isArray(agencies) ? agencies.filter((a): a is string => typeof a === 'string') : null;
}

/**
 * Small-cell suppression: public, LEARNER and ANALYST aggregates never show a count of people under the
 * threshold; an AGENCY_MANAGER sees their own agency's statistics in full (and nobody else's).
 */
export function applyDisclosure(
  data: Json | null | undefined,
  sites: readonly StatsSite[],
  principal: Principal,
  variables: Json,
  threshold: number,
): Suppression[] {
  if (!data) return [];
  const managed = managedAgency(principal);
  const suppressed: Suppression[] = [];
  for (const site of sites) {
    const key = site.path[site.path.length - 1]!;
    for (const parent of objectsAt(data, site.path.slice(0, -1))) {
      const stats = parent.value[key];
      if (!stats || typeof stats !== 'object') continue;
      const scope = scopeOf(site, variables, parent.value);
      if (managed && scope?.length === 1 && scope[0] === managed) continue;
      const values = stats as Json;
      const counts: Json = {};
      for (const [responseKey, fieldName] of site.keys) counts[fieldName] = values[responseKey];
      const withheld = new Set(fieldsToSuppress(counts, threshold));
      for (const [responseKey, fieldName] of site.keys) {
        if (responseKey.startsWith(HIDDEN_PREFIX) || !withheld.has(fieldName) || values[responseKey] === null) continue;
        values[responseKey] = null;
        suppressed.push({ path: [...parent.path, key, responseKey], reason: SUPPRESSION_REASON });
      }
    }
  }
  return suppressed;
}

/** Removes the gateway's own hidden aliases from the answer. */
export function stripHidden(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripHidden(item);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith(HIDDEN_PREFIX)) delete (node as Json)[key];
    else stripHidden(value);
  }
}
