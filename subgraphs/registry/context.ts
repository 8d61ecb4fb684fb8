import type { Principal } from '../../schema/principal.js';
import type { Caller } from './auth.js';
import type { CurationService } from './curation/service.js';
import type { CurationRecord } from './curation/store.js';
import type { HealthMonitor } from './health.js';
import type { RegistryService } from './service.js';

/** Per-request state of the registry subgraph. */
export interface RegistryContext {
  readonly caller: Caller;
  readonly service: RegistryService;
  readonly health: HealthMonitor;
  /** Who is asking, as the gateway's assertion says; anonymous for direct calls. */
  readonly principal: Principal;
  readonly curation: CurationService;
  /** Reads shared within one request (curation records by owning agency). */
  readonly memo: { curationByAgency?: Map<string, Promise<Map<string, CurationRecord>>> };
}
