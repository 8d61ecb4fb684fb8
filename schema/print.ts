/** `npm run schema:print`: regenerates the committed SDL files from the code. */
import { writeFileSync } from 'node:fs';
import { generateSchemaArtifacts, LEARNING_SDL_PATH, SUPERGRAPH_PATH } from './artifacts.js';

const { learning, supergraph } = await generateSchemaArtifacts();
writeFileSync(LEARNING_SDL_PATH, learning);
writeFileSync(SUPERGRAPH_PATH, supergraph);
console.log('wrote schema/learning.graphql and schema/supergraph.graphql');
