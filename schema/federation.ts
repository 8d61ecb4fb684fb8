import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { type BuildSchemaOptions, buildSchema, createResolversMap } from 'type-graphql';
import { DateTime } from './model/scalars.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@authenticated", "@requiresScopes", "@policy"])';

/** Per-type federation resolvers (`__resolveReference`), which type-graphql has no decorator for. */
export type ReferenceResolvers = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * The one recipe for a federation-2 subgraph written with type-graphql (toolchain-node20.md §2): build
 * the type-graphql schema, print it with its directives behind the federation link, and give
 * `buildSubgraphSchema` that SDL with type-graphql's resolvers plus the reference resolvers.
 */
export async function buildFederatedSchema(
  resolvers: BuildSchemaOptions['resolvers'],
  references: ReferenceResolvers = {},
  /** Entity types no query returns (only the gateway's `_entities` reaches them). */
  orphanedTypes: NonNullable<BuildSchemaOptions['orphanedTypes']> = [],
): Promise<{ readonly sdl: string; readonly schema: GraphQLSchema }> {
  const typeGraphqlSchema = await buildSchema({
    resolvers,
    orphanedTypes,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    skipCheck: true,
    validate: false,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolverMap = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(references)) {
    resolverMap[typeName] = {
      ...(resolverMap[typeName] as object),
      ...reference,
    } as GraphQLResolverMap<unknown>[string];
  }
  return { sdl, schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers: resolverMap }) };
}
