import { printLearningContract } from '../subgraphs/agency/schema.js';
import { printRegistrySchema } from '../subgraphs/registry/schema.js';
import { composeSupergraph, LEARNING_SUBGRAPH, REGISTRY_SUBGRAPH } from './compose.js';

export const LEARNING_SDL_PATH = new URL('./learning.graphql', import.meta.url);
export const SUPERGRAPH_PATH = new URL('./supergraph.graphql', import.meta.url);

/** The committed artifacts, generated from the code: the learning contract SDL and the supergraph. */
export async function generateSchemaArtifacts(): Promise<{ learning: string; supergraph: string }> {
  const learning = await printLearningContract();
  const supergraph = composeSupergraph([
    { name: LEARNING_SUBGRAPH, sdl: learning, url: 'http://learning.invalid/graphql' },
    // The gateway config gives the registry's real URL (`registry.url`); this one is a placeholder.
    { name: REGISTRY_SUBGRAPH, sdl: await printRegistrySchema(), url: 'http://registry.invalid/graphql' },
  ]);
  return { learning: `${learning.trimEnd()}\n`, supergraph: `${supergraph.trimEnd()}\n` };
}
