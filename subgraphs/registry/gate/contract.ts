import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  BreakingChangeType,
  type DangerousChange,
  DangerousChangeType,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  parse,
} from 'graphql';

/** The committed canonical contract every agency subgraph must serve. */
export const CANONICAL_CONTRACT_PATH = new URL('../../../schema/learning.graphql', import.meta.url);

let canonical: GraphQLSchema | undefined;
export function canonicalSchema(): GraphQLSchema {
  canonical ??= buildSubgraphSchema({ typeDefs: parse(readFileSync(CANONICAL_CONTRACT_PATH, 'utf8')) });
  return canonical;
}

// Directive definitions belong to the federation spec version a subgraph links, not to the data contract.
const IGNORED: ReadonlySet<string> = new Set([
  BreakingChangeType.DIRECTIVE_REMOVED,
  BreakingChangeType.DIRECTIVE_ARG_REMOVED,
  BreakingChangeType.REQUIRED_DIRECTIVE_ARG_ADDED,
  BreakingChangeType.DIRECTIVE_REPEATABLE_REMOVED,
  BreakingChangeType.DIRECTIVE_LOCATION_REMOVED,
]);
const federationInternal = (description: string) => /\b(link__|federation__|join__)/.test(description);

export interface ContractComparison {
  /** Breaking differences: each one refuses the registration. */
  readonly problems: readonly string[];
  /** Differences that are allowed but worth reading (e.g. an extra enum value). */
  readonly warnings: readonly string[];
}

/**
 * Compares a candidate's `_service.sdl` with the canonical contract, both built as federation subgraph
 * schemas (so `_Entity` and `_Service` are compared too: a dropped `@key` shows as a type missing from
 * `_Entity`). graphql-js `findBreakingChanges` reports missing types and fields, changed field types
 * (including a non-null field turned nullable), changed arguments and removed enum values.
 */
export function compareWithContract(
  candidateSdl: string,
  contract: GraphQLSchema = canonicalSchema(),
): ContractComparison {
  let candidate: GraphQLSchema;
  try {
    candidate = buildSubgraphSchema({ typeDefs: parse(candidateSdl) });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { problems: [`the subgraph's SDL is not a valid federation subgraph schema: ${message}`], warnings: [] };
  }
  const problems = findBreakingChanges(contract, candidate)
    .filter((c) => !IGNORED.has(c.type) && !federationInternal(c.description))
    .map((c) => `contract: ${c.description} (${c.type})`);
  const warnings = findDangerousChanges(contract, candidate)
    .filter((c: DangerousChange) => !federationInternal(c.description))
    .filter((c) => c.type !== DangerousChangeType.ARG_DEFAULT_VALUE_CHANGE || !c.description.includes('@'))
    .map((c) => `contract: ${c.description}`);
  return { problems, warnings };
}
