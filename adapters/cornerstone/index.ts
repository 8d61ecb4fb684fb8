export { cornerstoneAdapterFactory, createCornerstoneAdapter } from './adapter.js';
export { type CornerstoneConfig, cornerstoneConfigSchema } from './config.js';
export {
  CORNERSTONE_SANDBOX_CREDENTIALS,
  type CornerstoneSimulatorHandle,
  type CornerstoneSimulatorOptions,
  startCornerstoneSimulator,
} from './simulator/index.js';
