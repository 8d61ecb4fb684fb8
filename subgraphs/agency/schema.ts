import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { DateTime } from '../../schema/model/scalars.js';
import { referenceResolvers } from './references/index.js';
import { AgencyResolver } from './resolvers/agency.resolver.js';
import { CourseResolver } from './resolvers/course.resolver.js';
import { CredentialResolver } from './resolvers/credential.resolver.js';
import { EnrollmentResolver } from './resolvers/enrollment.resolver.js';
import { LearnerResolver } from './resolvers/learner.resolver.js';
import { QueryResolver } from './resolvers/query.resolver.js';

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable"])';

async function buildTypeGraphqlSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [QueryResolver, AgencyResolver, CourseResolver, LearnerResolver, EnrollmentResolver, CredentialResolver],
    scalarsMap: [{ type: Date, scalar: DateTime }],
    skipCheck: true,
    validate: false,
  });
}

/** The canonical learning contract as federation SDL: what every agency subgraph serves. */
export async function printLearningContract(): Promise<string> {
  return `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(await buildTypeGraphqlSchema())}`;
}

/** The executable agency subgraph schema: type-graphql resolvers plus federation reference resolvers. */
export async function buildAgencySubgraphSchema(): Promise<GraphQLSchema> {
  const tgSchema = await buildTypeGraphqlSchema();
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(tgSchema)}`;
  const resolvers = createResolversMap(tgSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    // Reference resolvers receive the AgencyContext built per request by the server's context function.
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs: parse(sdl), resolvers });
}
