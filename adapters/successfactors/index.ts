import { defineAdapter } from '../core/descriptor.js';
import { createSuccessFactorsAdapter, SUCCESSFACTORS_CAPABILITIES } from './adapter.js';
import { type SuccessFactorsConfig, successFactorsConfigSchema } from './config.js';
import { SUCCESSFACTORS_SANDBOX_CREDENTIALS, startSuccessFactorsSimulator } from './simulator/index.js';

/** SAP SuccessFactors Learning (lms-apis.md §3): everything Convergence knows about the kind `successfactors`. */
export const successFactorsAdapter = defineAdapter<SuccessFactorsConfig>({
  kind: 'successfactors',
  category: 'LMS',
  title: 'SAP SuccessFactors Learning',
  configSchema: successFactorsConfigSchema,
  capabilities: SUCCESSFACTORS_CAPABILITIES,
  unsupported: {
    // lms-apis.md §3.4.3: the rating is a field of each learning-history row, which is read per learner;
    // the insights harvest takes it from the enrolment records it reads anyway (EnrollmentRecord.rating).
    evaluations:
      'SuccessFactors keeps the rating on each learning-history row; it arrives with the enrolments, not on its own.',
  },
  connect: (config, deps) => createSuccessFactorsAdapter(config, deps),
  simulator: {
    start: ({ seed, port }) => startSuccessFactorsSimulator({ seed, port }),
    secret: SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientSecret,
    settings: (baseUrl, secret) => {
      const { clientId, companyId, userId } = SUCCESSFACTORS_SANDBOX_CREDENTIALS;
      return { kind: 'successfactors', baseUrl, clientId, companyId, userId, clientSecret: secret };
    },
    sandboxAgencies: [{ code: 'wfp', name: 'World Food Programme', seed: 4 }],
  },
});

export { createSuccessFactorsAdapter, SUCCESSFACTORS_CAPABILITIES } from './adapter.js';
export { type SuccessFactorsConfig, successFactorsConfigSchema } from './config.js';
export {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  type SuccessFactorsSimulatorHandle,
  type SuccessFactorsSimulatorOptions,
  startSuccessFactorsSimulator,
} from './simulator/index.js';
