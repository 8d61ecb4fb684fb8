import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { DateTime } from '../../schema/model/scalars.js';
import type { RegistryContext } from './context.js';
import { RegisteredAgencyResolver } from './resolvers/agency.resolver.js';
import { RegistryMutationResolver } from './resolvers/mutation.resolver.js';
import { agencyView } from './views.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

async function buildTypeGraphqlSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [RegisteredAgencyResolver, RegistryMutationResolver],
    scalarsMap: [{ type: Date, scalar: DateTime }],
    skipCheck: true,
    validate: false,
  });
}

/** The registry subgraph's SDL, composed with the learning contract into the supergraph. */
export async function printRegistrySchema(): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(await buildTypeGraphqlSchema())}`;
}

/** The executable registry subgraph schema (same recipe as the agency subgraph, toolchain §2). */
export async function buildRegistrySubgraphSchema(): Promise<GraphQLSchema> {
  const resolvers = createResolversMap(await buildTypeGraphqlSchema()) as GraphQLResolverMap<unknown>;
  resolvers.Agency = {
    ...(resolvers.Agency as object),
    // The gateway asks for registry fields of agencies the learning subgraph listed.
    __resolveReference: async (ref: { code: string }, ctx: RegistryContext) => {
      const record = await ctx.service.store.get(ref.code);
      return record ? agencyView(record) : null;
    },
  } as GraphQLResolverMap<unknown>[string];
  return buildSubgraphSchema({ typeDefs: parse(await printRegistrySchema()), resolvers });
}
