import { readFileSync } from 'node:fs';
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ROOT_FIELD_STRATEGIES } from '../../../schema/sharding.js';
import {
  generateSchemaArtifacts,
  LEARNING_SDL_PATH,
  LMS_KINDS_PATH,
  SUPERGRAPH_PATH,
} from '../../../subgraphs/build/artifacts.js';

describe('committed schema artifacts', () => {
  it('match the code: run `npm run schema:print` after changing the model', async () => {
    const { kinds, learning, supergraph } = await generateSchemaArtifacts();
    expect(readFileSync(LMS_KINDS_PATH, 'utf8'), 'schema/lmsKinds.generated.ts drifted from adapters/kinds.ts').toBe(
      kinds,
    );
    expect(readFileSync(LEARNING_SDL_PATH, 'utf8'), 'schema/learning.graphql drifted').toBe(learning);
    expect(readFileSync(SUPERGRAPH_PATH, 'utf8'), 'schema/supergraph.graphql drifted').toBe(supergraph);
  });

  it('declare a sharding strategy for every root field of the learning contract', () => {
    const sdl = readFileSync(LEARNING_SDL_PATH, 'utf8').replace(/^extend schema @link.*$/m, '');
    const federationStubs =
      'directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\ndirective @shareable on OBJECT | FIELD_DEFINITION\n' +
      'directive @authenticated on OBJECT | FIELD_DEFINITION\ndirective @policy(policies: [[String!]!]!) on OBJECT | FIELD_DEFINITION\n' +
      'directive @requiresScopes(scopes: [[String!]!]!) on OBJECT | FIELD_DEFINITION\n';
    const schema = buildASTSchema(parse(federationStubs + sdl));
    const rootFields = Object.keys(schema.getQueryType()?.getFields() ?? {});
    expect(rootFields.length).toBeGreaterThan(0);
    const missing = rootFields.filter((field) => !(field in ROOT_FIELD_STRATEGIES));
    expect(missing, 'root fields without a strategy in schema/sharding.ts').toEqual([]);
    for (const mutation of Object.keys(schema.getMutationType()?.getFields() ?? {})) {
      expect(ROOT_FIELD_STRATEGIES[mutation]?.kind, `mutation ${mutation} must be ROUTE`).toBe('ROUTE');
    }
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    const stale = Object.keys(ROOT_FIELD_STRATEGIES).filter(
      (field) => !rootFields.includes(field) && !mutations.includes(field),
    );
    expect(stale, 'strategies for fields that no longer exist').toEqual([]);
  });
});
