import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

interface SdlAnswer {
  data?: { _service?: { sdl?: string } };
}

/**
 * A static supergraph of one subgraph, composed (with @apollo/composition) from the SDL the subgraph
 * itself serves, routing straight to it: what a team would hand a stock gateway for that one subgraph.
 */
export async function supergraphOf(subgraphUrl: string): Promise<string> {
  const response = await fetch(subgraphUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const sdl = ((await response.json()) as SdlAnswer).data?._service?.sdl;
  if (!sdl) throw new Error(`No SDL from ${subgraphUrl}`);
  const composed = composeServices([{ name: 'learning', url: subgraphUrl, typeDefs: parse(sdl) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl;
}
