import type { Caller } from './auth.js';
import type { CredentialVerifier } from './credentials/index.js';
import type { HealthMonitor } from './health.js';
import type { RegistryAccess } from './recognition/access.js';
import type { RecognitionService } from './recognition/service.js';
import type { RegistryService } from './service.js';

/** Per-request state of the registry subgraph. */
export interface RegistryContext {
  readonly caller: Caller;
  /** Who is asking, for recognition (the gateway's assertion, or the admin token). */
  readonly access: RegistryAccess;
  readonly service: RegistryService;
  readonly health: HealthMonitor;
  readonly recognition: RecognitionService;
  readonly verifier: CredentialVerifier;
}
