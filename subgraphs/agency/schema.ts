import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../schema/federation.js';
import { referenceResolvers } from './references/index.js';
import { AgencyResolver } from './resolvers/agency.resolver.js';
import { CourseResolver } from './resolvers/course.resolver.js';
import { CredentialResolver } from './resolvers/credential.resolver.js';
import { EnrollmentResolver } from './resolvers/enrollment.resolver.js';
import { LearnerResolver } from './resolvers/learner.resolver.js';
import { MutationResolver } from './resolvers/mutation.resolver.js';
import { QueryResolver } from './resolvers/query.resolver.js';

const RESOLVERS = [
  QueryResolver,
  AgencyResolver,
  CourseResolver,
  LearnerResolver,
  EnrollmentResolver,
  CredentialResolver,
  MutationResolver,
] as const;

/** The canonical learning contract as federation SDL: what every agency subgraph serves. */
export async function printLearningContract(): Promise<string> {
  return (await buildFederatedSchema([...RESOLVERS])).sdl;
}

/** The executable agency subgraph schema: type-graphql resolvers plus federation reference resolvers. */
export async function buildAgencySubgraphSchema(): Promise<GraphQLSchema> {
  // Reference resolvers receive the AgencyContext built per request by the server's context function.
  return (await buildFederatedSchema([...RESOLVERS], referenceResolvers)).schema;
}
