import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

/** Subgraph name of the one logical learning subgraph that the gateway shards across agencies. */
export const LEARNING_SUBGRAPH = 'learning';

/** Subgraph name of the agency registry (subgraphs/registry). */
export const REGISTRY_SUBGRAPH = 'registry';

/** Subgraph name of the harvested learning KPIs (subgraphs/insights, issue 15). */
export const INSIGHTS_SUBGRAPH = 'insights';

/** Subgraph name of the curriculum (subgraphs/curriculum): near-duplicates and SDG coverage. */
export const CURRICULUM_SUBGRAPH = 'curriculum';

export interface SubgraphSource {
  readonly name: string;
  readonly sdl: string;
  /** Placeholder routing URL: the gateway's data sources decide where requests really go. */
  readonly url: string;
}

/** Composes the supergraph (DESIGN.md §2.1); throws with every composition error listed. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new Error(`Supergraph composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
