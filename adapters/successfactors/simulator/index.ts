import { type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import { createDataset, type SuccessFactorsDataset } from './data.js';
import { createSuccessFactorsProtocol } from './protocol.js';

export { SHARED_PEOPLE, type SuccessFactorsDataset } from './data.js';

/** Credentials the simulator accepts by default; for local sandboxes only. */
export const SUCCESSFACTORS_SANDBOX_CREDENTIALS = {
  clientId: 'UNSANDBOX',
  clientSecret: 'sandbox-client-secret',
  companyId: 'UNSANDBOX',
  userId: 'sfadmin',
} as const;

export interface SuccessFactorsSimulatorOptions {
  /** Dataset seed. @default 1 */
  readonly seed?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly companyId?: string;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** `expires_in` of issued tokens. @default 1800 (lms-apis.md §3.1) */
  readonly tokenTtlSeconds?: number;
  /** Spacing enforced on serialised services; curricula get ten times this. @default 500 */
  readonly minIntervalMs?: number;
  /** Catalogue rows (items). @default 60 */
  readonly catalogueSize?: number;
  /** Learner accounts (benches grow it). @default 120 */
  readonly students?: number;
  /** OCN content providers the tenant knows. @default ["CONVERGENCE"] */
  readonly ocnProviders?: readonly string[];
}

export interface SuccessFactorsSimulatorHandle extends SimulatorHandle {
  /** The seeded data, for tests that need known ids. */
  readonly dataset: SuccessFactorsDataset;
  /** Arrival times (ms) of calls to each serialised service since the last reset. */
  readonly arrivals: Readonly<Record<string, readonly number[]>>;
  tokensIssued(): number;
  /** Expires every issued token now: the next resource call answers "The token has expired.". */
  expireTokens(): void;
  /**
   * A learner completes an assigned item (its to-do row leaves the plan, a history row is recorded with
   * `lastUpdateTimestamp` now). False when the learner has no such to-do item.
   */
  completeAssignment(studentID: string, componentID: string, outcome?: { credit?: boolean; grade?: string }): boolean;
}

/** Starts a SuccessFactors Learning OData v4 simulator on 127.0.0.1. */
export async function startSuccessFactorsSimulator(
  options: SuccessFactorsSimulatorOptions = {},
): Promise<SuccessFactorsSimulatorHandle> {
  const dataset = createDataset(options.seed ?? 1, options.catalogueSize ?? 60, options.students ?? 120);
  const { protocol, tokens, limits, events } = createSuccessFactorsProtocol(dataset, {
    clientId: options.clientId ?? SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? SUCCESSFACTORS_SANDBOX_CREDENTIALS.clientSecret,
    companyId: options.companyId ?? SUCCESSFACTORS_SANDBOX_CREDENTIALS.companyId,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 1800,
    minIntervalMs: options.minIntervalMs ?? 500,
    catalogId: 'PUBLIC',
    ocnProviders: options.ocnProviders ?? ['CONVERGENCE'],
  });
  const handle = await startSimulator(protocol, options.port === undefined ? {} : { port: options.port });
  return Object.assign(handle, {
    dataset,
    arrivals: limits.arrivals,
    tokensIssued: tokens.issuedCount,
    expireTokens: tokens.expireAll,
    completeAssignment: events.completeAssignment,
  });
}
