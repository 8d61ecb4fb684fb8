/** The agency registry as a library: the registry subgraph, its stores, and the registration gate. */
export { AGENCY_FIELDS, type RegistryClientOptions, RegistryRequestError, registryRequest } from './client.js';
export { loadRegistryConfig, type RegistryConfig, registryConfigSchema } from './config.js';
export { formatGateReport, type GateCheck, type GateReport, runRegistrationGate } from './gate/index.js';
export { type RegistryOptions, type RunningRegistry, startRegistry } from './server.js';
export { createRegistryKeyv, type RegistryBackend } from './store/backends.js';
export { type RegistrationRecord, RegistryStore } from './store/registryStore.js';
export { KeyvSqliteStore } from './store/sqliteStore.js';
