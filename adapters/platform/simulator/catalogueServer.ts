import { type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import type { SimElement, SimPlatform } from './catalogueData.js';
import { createCatalogueProtocol } from './catalogueProtocol.js';
import { type CatalogueInjection, type CatalogueSimulatorOptions, CatalogueState } from './catalogueState.js';

export interface CatalogueSimulatorHandle extends SimulatorHandle {
  /** In-process control, the same operations as `/__sim/catalogue/…`. */
  readonly catalogue: {
    list(platform: SimPlatform): readonly SimElement[];
    upsert(platform: SimPlatform, element: SimElement, at?: number): void;
    remove(platform: SimPlatform, key: string): boolean;
    inject(injection: CatalogueInjection): void;
  };
}

/**
 * Starts the external platforms' catalogue APIs on loopback: Coursera's courses.v1, Open edX's course
 * list and token endpoint, LinkedIn Learning's learningAssets and token endpoint, over seeded SDG courses
 * (deterministic by seed), with paging, authentication, throttling and mid-walk changes as documented
 * (catalogueApis.ts). Controls: adapters/core/simulator.ts (`/__sim/stats|fault|reset`) and
 * `/__sim/catalogue/…` (catalogueProtocol.ts).
 *
 * This is the catalogue half of the external-platform simulator; the credential-issuing half (issue 14)
 * lives beside it and serves other paths, so the two can share one server.
 */
export async function startCatalogueSimulator(
  options: CatalogueSimulatorOptions = {},
): Promise<CatalogueSimulatorHandle> {
  const state = new CatalogueState(options);
  const handle = await startSimulator(
    createCatalogueProtocol(state),
    options.port === undefined ? {} : { port: options.port },
  );
  return Object.assign(handle, {
    catalogue: {
      list: (platform: SimPlatform) => state.list(platform),
      upsert: state.upsert.bind(state),
      remove: state.remove.bind(state),
      inject: state.inject.bind(state),
    },
  });
}

export {
  generateCatalogues,
  keyOf,
  SIM_PLATFORMS,
  type SimCatalogues,
  type SimElement,
  type SimPlatform,
} from './catalogueData.js';
export { CATALOGUE_ROUTES, createCatalogueProtocol } from './catalogueProtocol.js';
export {
  type CatalogueInjection,
  type CatalogueSimulatorOptions,
  CatalogueState,
  PLATFORM_SANDBOX_CREDENTIALS,
} from './catalogueState.js';
