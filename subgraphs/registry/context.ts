import type { Caller } from './auth.js';
import type { HealthMonitor } from './health.js';
import type { RegistryService } from './service.js';

/** Per-request state of the registry subgraph. */
export interface RegistryContext {
  readonly caller: Caller;
  readonly service: RegistryService;
  readonly health: HealthMonitor;
}
