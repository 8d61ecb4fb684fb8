import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../schema/federation.js';
import { CurriculumCourse } from './model.js';
import { CurriculumCourseResolver, CurriculumQueryResolver } from './resolvers.js';

const RESOLVERS = [CurriculumQueryResolver, CurriculumCourseResolver] as const;

const references = {
  // The curriculum extends Course with its near-duplicates: any course id the learning subgraph lists.
  Course: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

/** The curriculum subgraph's SDL, composed with the learning contract and the registry into the supergraph. */
export async function printCurriculumSchema(): Promise<string> {
  return (await buildFederatedSchema([...RESOLVERS], {}, [CurriculumCourse])).sdl;
}

/** The executable curriculum subgraph schema. */
export async function buildCurriculumSubgraphSchema(): Promise<GraphQLSchema> {
  return (await buildFederatedSchema([...RESOLVERS], references, [CurriculumCourse])).schema;
}
