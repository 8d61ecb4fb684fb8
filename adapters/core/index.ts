/**
 * The adapter SDK, `convergence/sdk`: everything an agency with a home-grown LMS needs to write an adapter
 * (adapters/example/README.md), importable from outside this repository through package.json `exports`.
 *
 * The conformance kit is a separate entry point, `convergence/sdk/conformance` (`defineLmsAdapterContract`):
 * it imports vitest, which must not be loaded by a running subgraph.
 */
export { z } from 'zod';
export { ConfigError, httpUrlSchema, Secret, secretSchema, validateConfig } from '../../schema/config/index.js';
export { CodedError, ERROR_CODES, type ErrorCode } from '../../schema/errorCodes.js';
export { HOME_GROWN_KIND, LMS_KINDS, type LmsKind } from '../../schema/lmsKind.js';
export {
  CostModel,
  CourseFormat,
  CourseVisibility,
  CredentialKind,
  EnrollmentStatus,
  type SourceKind,
} from '../../schema/model/enums.js';
export {
  type AdapterDeps,
  type AdapterImplementation,
  LMS_CAPABILITIES,
  type LmsAdapter,
  type LmsCapability,
} from './adapter.js';
export { type CacheBackend, type CachedOptions, createAdapterCache, createReadThrough } from './cache.js';
export {
  type AdapterDescriptor,
  defineAdapter,
  defineUpstreamSimulator,
  isAdapterDescriptor,
  type SandboxAgency,
  type SimulatorDescriptor,
  type SourceCategory,
  type UpstreamSimulatorDescriptor,
} from './descriptor.js';
export {
  isLmsError,
  LMS_ERROR_CODES,
  LmsError,
  type LmsErrorCode,
  type LmsErrorOptions,
  type UpstreamInfo,
} from './errors.js';
export { createAdapter, requireCapability, unsupportedError, wrapAdapter } from './factory.js';
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
  AdapterEnrollmentScope,
  CourseEvaluationRecord,
  CourseQuery,
  CourseRecord,
  CredentialRecord,
  EnrollmentRecord,
  EnrollmentScope,
  ExternalLearningRecord,
  ExternalLearningRequest,
  LearnerMatchQuery,
  LearnerRecord,
  RecognisedAs,
  StatsQuery,
  StatsRecord,
} from './records.js';
export {
  type SimulatorHandle,
  type SimulatorProtocol,
  type SimulatorRequest,
  type SimulatorResponse,
  startSimulator,
} from './simulator.js';
