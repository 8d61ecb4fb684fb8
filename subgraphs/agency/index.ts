/**
 * The agency subgraph as a library (adapter SDK): serve any `LmsAdapter` behind the canonical learning
 * contract, standalone (`startAgencySubgraph`) or inside your own server (`createAgencyServer` +
 * `createAgencyContext` per request). See adapters/example/README.md.
 */
export { CatalogueCache } from './catalogueCache.js';
export { type AgencyContext, createAgencyContext } from './context.js';
export { buildAgencySubgraphSchema, printLearningContract } from './schema.js';
export {
  type AgencySubgraphOptions,
  createAgencyServer,
  type RunningAgencySubgraph,
  startAgencySubgraph,
} from './server.js';
