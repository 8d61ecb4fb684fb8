import { LmsKind } from '../../schema/model/enums.js';
import type { LmsAdapterFactory } from '../core/adapter.js';
import { createOaiPmhAdapter } from './adapter.js';
import { type OaiPmhConfig, oaiPmhConfigSchema } from './config.js';

/**
 * Factory of the OAI-PMH source (open educational resources). Until issue 16 gives OER sources a kind of
 * their own, it reports LmsKind.CUSTOM, like any adapter outside the built-in LMS families.
 */
export const oaiPmhAdapterFactory: LmsAdapterFactory<OaiPmhConfig> = {
  kind: LmsKind.CUSTOM,
  configSchema: oaiPmhConfigSchema,
  create: (config, deps) => createOaiPmhAdapter(config, deps),
};

export { createOaiPmhAdapter, type HarvestStatus, type OaiPmhAdapter, type OaiPmhAdapterOptions } from './adapter.js';
export { createOaiPmhClient, type OaiPmhClient } from './client.js';
export { type OaiPmhAuth, type OaiPmhConfig, oaiPmhConfigSchema } from './config.js';
export { mapRecord, type OerCourseRecord } from './mapper.js';
export {
  generateOerDataset,
  OAIPMH_SANDBOX_CREDENTIALS,
  type OaiPmhSimulatorHandle,
  type OaiPmhSimulatorOptions,
  type OerDataset,
  startOaiPmhSimulator,
} from './simulator/index.js';
