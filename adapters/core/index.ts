/**
 * Adapter SDK: what an agency with a home-grown LMS needs to write an adapter (adapters/example/README.md).
 *
 * The conformance kit is a separate entry point, `adapters/core/conformance/index.js`
 * (`defineLmsAdapterContract`): it imports vitest, which must not be loaded by a running subgraph.
 */
export {
  type AdapterDeps,
  type LmsAdapter,
  type LmsAdapterFactory,
  type LmsCapability,
  requireCapability,
} from './adapter.js';
export { type CacheBackend, type CachedOptions, createAdapterCache, createReadThrough } from './cache.js';
export { httpUrlSchema, readConfigFile, validateConfig } from './config.js';
export {
  ConfigError,
  isLmsError,
  LMS_ERROR_CODES,
  LmsError,
  type LmsErrorCode,
  type LmsErrorOptions,
  type UpstreamInfo,
} from './errors.js';
export {
  type AuthProvider,
  createLmsHttpClient,
  type LmsHttpClient,
  type LmsHttpOptions,
  type LmsRequest,
  type RawResponse,
  type ResponseInterpreter,
} from './http.js';
export { createLogger } from './logger.js';
export { computeStats, matchesCourseQuery, normaliseEmail } from './query.js';
export type {
  CourseQuery,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  EnrollmentScope,
  LearnerMatchQuery,
  LearnerRecord,
  StatsQuery,
  StatsRecord,
} from './records.js';
export { Secret, secretSchema } from './secret.js';
export { type SimulatorHandle, startSimulator } from './simulator.js';
