import { defineAdapter } from '../core/descriptor.js';
import { createOaiPmhSource, OAIPMH_CAPABILITIES } from './adapter.js';
import { type OaiPmhConfig, oaiPmhConfigSchema } from './config.js';
import { OAI_PATH, OAIPMH_SANDBOX_CREDENTIALS, startOaiPmhSimulator } from './simulator/index.js';

/**
 * Repositories of open educational resources harvested over OAI-PMH 2.0: everything Convergence knows
 * about the kind `oaipmh`. A source of category OER: a catalogue with licences, nothing personal.
 */
export const oaipmhAdapter = defineAdapter<OaiPmhConfig>({
  kind: 'oaipmh',
  category: 'OER',
  title: 'OAI-PMH repository of open educational resources',
  configSchema: oaiPmhConfigSchema,
  capabilities: OAIPMH_CAPABILITIES,
  connect: (config, deps) => createOaiPmhSource(config, deps),
  simulator: {
    // Behind HTTP Basic auth in the sandbox, so the credential travels like any agency's secret.
    start: ({ seed, port }) => startOaiPmhSimulator({ seed, port, credentials: OAIPMH_SANDBOX_CREDENTIALS }),
    secret: OAIPMH_SANDBOX_CREDENTIALS.password,
    settings: (baseUrl, secret) => ({
      kind: 'oaipmh',
      baseUrl: `${baseUrl}${OAI_PATH}`,
      auth: { kind: 'basic', username: OAIPMH_SANDBOX_CREDENTIALS.username, password: secret },
    }),
    sandboxAgencies: [{ code: 'sdg-oer', name: 'SDG Open Educational Resources (simulated repository)', seed: 11 }],
  },
});

export {
  createOaiPmhAdapter,
  createOaiPmhSource,
  type HarvestControl,
  type HarvestStatus,
  OAIPMH_CAPABILITIES,
  type OaiPmhAdapter,
  type OaiPmhAdapterOptions,
  type OaiPmhSource,
} from './adapter.js';
export { createOaiPmhClient, type OaiPmhClient } from './client.js';
export { type OaiPmhAuth, type OaiPmhConfig, oaiPmhConfigSchema } from './config.js';
export { mapRecord, type OerCourseRecord } from './mapper.js';
export {
  generateOerDataset,
  OAI_PATH,
  OAIPMH_SANDBOX_CREDENTIALS,
  type OaiPmhSimulatorHandle,
  type OaiPmhSimulatorOptions,
  type OerDataset,
  startOaiPmhSimulator,
} from './simulator/index.js';
