import type { GraphQLFormattedError } from 'graphql';
import { type ErrorCode, formattedError } from '../../schema/errors.js';
import { parseGlobalId } from '../../schema/globalId.js';
import type { RouteKey, ShardingStrategy } from '../../schema/sharding.js';
import type { AgencyDirectory, AgencyEndpoint } from '../directory.js';
import { valueAtPath } from './selections.js';

export type Targets = { readonly agencies: readonly AgencyEndpoint[] } | { readonly error: GraphQLFormattedError };

const fail = (code: ErrorCode, message: string, path: readonly (string | number)[]): Targets => ({
  error: formattedError(code, message, { path }),
});

function routeTarget(directory: AgencyDirectory, route: RouteKey, raw: unknown, key: string): Targets {
  const value = String(raw);
  const code = route.as === 'agencyCode' ? value : parseGlobalId(value)?.agency;
  if (!code) {
    return fail('BAD_USER_INPUT', `\`${value}\` is not a valid id; ids look like \`<agency>:<type>:<localId>\`.`, [
      key,
    ]);
  }
  const agency = directory.get(code);
  if (!agency) return fail('NOT_FOUND', `No active agency has the code \`${code}\`.`, [key]);
  return { agencies: [agency] };
}

/**
 * Which agencies answer a root field: the one named by its route argument, else those of its `agencies`
 * filter, else every active agency (DESIGN.md §2.2).
 */
export function targetsFor(
  directory: AgencyDirectory,
  strategy: ShardingStrategy,
  args: Readonly<Record<string, unknown>>,
  key: string,
): Targets {
  if ('routeBy' in strategy && strategy.routeBy) {
    const raw = valueAtPath(args, strategy.routeBy.path);
    if (raw !== undefined && raw !== null) return routeTarget(directory, strategy.routeBy, raw, key);
  }
  if (strategy.kind === 'ROUTE') return fail('BAD_USER_INPUT', 'This field needs an id to route it.', [key]);
  const wanted = strategy.agenciesArg ? valueAtPath(args, strategy.agenciesArg) : undefined;
  if (!Array.isArray(wanted)) return { agencies: directory.active() };
  const unknown = wanted.filter((code) => !directory.get(String(code)));
  if (unknown.length > 0) {
    return fail('BAD_USER_INPUT', `Unknown or inactive agency codes: ${unknown.join(', ')}.`, [key]);
  }
  return { agencies: directory.active().filter((a) => wanted.includes(a.code)) };
}
