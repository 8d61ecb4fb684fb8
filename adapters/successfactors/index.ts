import { LmsKind } from '../../schema/model/enums.js';
import type { LmsAdapterFactory } from '../core/adapter.js';
import { createSuccessFactorsAdapter } from './adapter.js';
import { type SuccessFactorsConfig, successFactorsConfigSchema } from './config.js';

export { createSuccessFactorsAdapter } from './adapter.js';
export { type SuccessFactorsConfig, successFactorsConfigSchema } from './config.js';
export {
  SUCCESSFACTORS_SANDBOX_CREDENTIALS,
  type SuccessFactorsSimulatorHandle,
  type SuccessFactorsSimulatorOptions,
  startSuccessFactorsSimulator,
} from './simulator/index.js';

/** Registry entry for SAP SuccessFactors Learning (STYLE.md B2). */
export const successFactorsAdapterFactory: LmsAdapterFactory<SuccessFactorsConfig> = {
  kind: LmsKind.SUCCESSFACTORS,
  configSchema: successFactorsConfigSchema,
  create: createSuccessFactorsAdapter,
};
