import type { GraphQLFormattedError } from 'graphql';
import { UnreachableCaseError } from '../../schema/unreachable.js';
import { AgencyFailure } from './agencyClient.js';
import type { CursorCodec } from './cursor.js';
import { type AgencyResult, tagError } from './fanout.js';
import { connectionKeys, type IndexMap, indexKey, mergeConnection, mergeList, mergeSum, type Part } from './merge.js';
import type { Plan } from './plan.js';
import type { Fragments } from './selections.js';

type Json = Record<string, unknown>;

/** One field's merged value, and the errors that belong to it. */
export interface MergeOutcome {
  readonly value: unknown;
  readonly errors: readonly GraphQLFormattedError[];
}

/** Where a merged list field puts an agency's item index in an error path (CONNECTION: edges[i]). */
function listIndexDepth(plan: Plan): number | null {
  const strategy = plan.strategy;
  switch (strategy?.kind) {
    case 'CONNECTION':
      return 2;
    case 'LIST':
      return 1;
    case 'SUM':
    case 'ROUTE':
    case undefined:
      return null;
    default:
      throw new UnreachableCaseError(strategy);
  }
}

/** Remaps an agency error path through the merge; drops item indices that did not make the page. */
function remap(error: GraphQLFormattedError, plan: Plan, agency: string, indexMap: IndexMap | undefined) {
  const path = error.path ?? [];
  const at = listIndexDepth(plan);
  const local = at === null ? undefined : path[at];
  if (!indexMap || at === null || typeof local !== 'number') return path;
  const merged = indexMap.get(indexKey(agency, local));
  return merged === undefined ? path.slice(0, at) : [...path.slice(0, at), merged, ...path.slice(at + 1)];
}

/** The value by strategy (an exhaustive switch), with any error the merge itself found. */
function mergeParts(
  plan: Plan,
  parts: readonly Part[],
  fragments: Fragments,
  codec: CursorCodec,
): { value: unknown; indexMap?: IndexMap; errors: GraphQLFormattedError[] } {
  const strategy = plan.strategy;
  switch (strategy?.kind) {
    case 'CONNECTION': {
      const errors: GraphQLFormattedError[] = [];
      const valid = parts.flatMap((part) => {
        const keys = connectionKeys(part);
        if (keys) return [{ ...part, keys }];
        const failure = new AgencyFailure(
          'AGENCY_BAD_RESPONSE',
          part.agency,
          `Agency ${part.agency} sent a malformed page.`,
        );
        errors.push(failure.toGraphQLError());
        return [];
      });
      // Every agency sent a malformed page: nothing to merge, the field stays null.
      if (valid.length === 0 && parts.length > 0) return { value: null, errors };
      const merged = mergeConnection(plan.node, fragments, valid, {
        ...strategy.paging,
        resumed: plan.resumes,
        codec,
      });
      return { ...merged, errors };
    }
    case 'LIST':
      return {
        ...mergeList(parts.map((p) => ({ agency: p.agency, value: p.value as unknown as unknown[] }))),
        errors: [],
      };
    case 'SUM':
      return { value: parts.length > 0 ? mergeSum(plan.node, fragments, parts, strategy.ratios) : null, errors: [] };
    case 'ROUTE':
    case undefined:
      return { value: parts[0]?.value ?? null, errors: [] };
    default:
      throw new UnreachableCaseError(strategy);
  }
}

/**
 * One root field across its target agencies: their answers merged by the field's strategy, and their
 * errors about this field tagged with the agency and remapped into the merged answer.
 */
export function mergeField(
  plan: Plan,
  results: readonly AgencyResult[],
  fragments: Fragments,
  codec: CursorCodec,
): MergeOutcome {
  const answered = results.filter(
    (r): r is Extract<AgencyResult, { answer: unknown }> => 'answer' in r && plan.targets.includes(r.agency),
  );
  const parts: Part[] = answered
    .map((r) => ({ agency: r.agency.code, value: r.answer.data?.[plan.key] as Json }))
    .filter((p) => p.value !== null && p.value !== undefined);
  const merged = mergeParts(plan, parts, fragments, codec);
  const agencyErrors = answered.flatMap((result) =>
    result.answer.errors
      .filter((error) => error.path?.[0] === plan.key)
      .map((error) => tagError(error, result.agency.code, remap(error, plan, result.agency.code, merged.indexMap))),
  );
  return { value: merged.value, errors: [...merged.errors, ...agencyErrors] };
}
