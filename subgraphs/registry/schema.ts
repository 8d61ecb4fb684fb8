import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../schema/federation.js';
import type { RegistryContext } from './context.js';
import { CuratedCourse } from './curation/model.js';
import { CuratedCourseResolver, CurationResolver } from './curation/resolvers.js';
import {
  CredentialVerificationResolver,
  credentialReference,
  VerifiableCredentialRecord,
} from './recognition/credentialVerification.js';
import { RecognitionFeedResolver } from './recognition/feed.js';
import { AgreementResolver } from './recognition/resolvers/agreement.resolver.js';
import { ProviderResolver } from './recognition/resolvers/provider.resolver.js';
import { RecognitionResolver, RecognitionsResultResolver } from './recognition/resolvers/recognition.resolver.js';
import { RegisteredAgencyResolver } from './resolvers/agency.resolver.js';
import { RegistryMutationResolver } from './resolvers/mutation.resolver.js';
import { agencyView } from './views.js';

const RESOLVERS = [
  RegisteredAgencyResolver,
  RegistryMutationResolver,
  ProviderResolver,
  AgreementResolver,
  RecognitionResolver,
  RecognitionsResultResolver,
  RecognitionFeedResolver,
  CredentialVerificationResolver,
  CurationResolver,
  CuratedCourseResolver,
] as const;

/**
 * Entity types no registry query returns: the verifiable credential records, and `Course`, which the
 * registry only extends (by key) with its curation.
 */
const ORPHANS = [VerifiableCredentialRecord, CuratedCourse];

const references = {
  ...credentialReference,
  Agency: {
    // The gateway asks for registry fields of agencies the learning subgraph listed.
    __resolveReference: async (ref: { code: string }, ctx: RegistryContext) => {
      const record = await ctx.service.store.get(ref.code);
      return record ? agencyView(record) : null;
    },
  },
  // The registry extends Course with its curation: any course id the learning subgraph lists.
  Course: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
};

/** The registry subgraph's SDL, composed with the learning contract into the supergraph. */
export async function printRegistrySchema(): Promise<string> {
  return (await buildFederatedSchema([...RESOLVERS], {}, ORPHANS)).sdl;
}

/** The executable registry subgraph schema. */
export async function buildRegistrySubgraphSchema(): Promise<GraphQLSchema> {
  return (await buildFederatedSchema([...RESOLVERS], references, ORPHANS)).schema;
}
