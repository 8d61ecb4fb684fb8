import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../../schema/federation.js';
import { AgencyRef, RatedCourse } from './model.js';
import { InsightsQueryResolver, RatedCourseResolver } from './resolvers.js';

const RESOLVERS = [InsightsQueryResolver, RatedCourseResolver] as const;

/** `Course` is only extended (by key) with its rating; `Agency` only referenced. */
const ORPHANS = [RatedCourse, AgencyRef];

const references = {
  Course: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

/** The insights subgraph's SDL, composed with the others into the supergraph. */
export async function printInsightsSchema(): Promise<string> {
  return (await buildFederatedSchema([...RESOLVERS], {}, ORPHANS)).sdl;
}

export async function buildInsightsSubgraphSchema(): Promise<GraphQLSchema> {
  return (await buildFederatedSchema([...RESOLVERS], references, ORPHANS)).schema;
}
