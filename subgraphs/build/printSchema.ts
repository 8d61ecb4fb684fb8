/** `npm run schema:print`: regenerates the committed schema artifacts from the code. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  generateSchemaArtifacts,
  LEARNING_SDL_PATH,
  LMS_KINDS_PATH,
  printLmsKinds,
  SUPERGRAPH_PATH,
} from './artifacts.js';

const kinds = printLmsKinds();
if (readFileSync(LMS_KINDS_PATH, 'utf8') !== kinds) {
  // The GraphQL enum was built from the old kinds when this process loaded the schema: print the SDL again
  // in a fresh process that loads the new list.
  writeFileSync(LMS_KINDS_PATH, kinds);
  console.log('wrote schema/lmsKinds.generated.ts');
  execFileSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
} else {
  const { learning, supergraph } = await generateSchemaArtifacts();
  writeFileSync(LEARNING_SDL_PATH, learning);
  writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log('wrote schema/learning.graphql and schema/supergraph.graphql');
}
