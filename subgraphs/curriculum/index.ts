/**
 * The curriculum subgraph (issue 16): near-duplicate courses across agencies and languages, and SDG
 * coverage, over the agencies' public catalogues (similarity library: subgraphs/insights/similarity).
 */
export {
  type AgencyCatalogue,
  CatalogueReadError,
  catalogueFingerprint,
  readAgencyCatalogue,
} from './catalogueReader.js';
export { type AgencyIndexState, CurriculumIndex, type RefreshReport } from './curriculumIndex.js';
export { printCurriculumSchema } from './schema.js';
export { type CurriculumOptions, type RunningCurriculum, startCurriculum } from './server.js';
