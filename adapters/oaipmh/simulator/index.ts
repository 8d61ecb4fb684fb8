import { type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import { createOaiPmhProtocol, OAI_PATH } from './protocol.js';
import { type OaiInjection, type OaiPmhSimulatorOptions, RepositoryState } from './state.js';

export {
  DATASET_EPOCH,
  generateOerDataset,
  OAI_IDENTIFIER_PREFIX,
  type OerDataset,
  type SimRecord,
} from './dataset.js';
export { OAI_PATH } from './protocol.js';
export type { OaiInjection, OaiPmhSimulatorOptions } from './state.js';
export { OER_LANGUAGES, OER_TOPICS } from './topics.js';

/** Credentials for a simulator started with `credentials: OAIPMH_SANDBOX_CREDENTIALS`. */
export const OAIPMH_SANDBOX_CREDENTIALS = { username: 'harvester', password: 'oer-sandbox-0001' } as const;

export interface OaiPmhSimulatorHandle extends SimulatorHandle {
  /** The repository's base URL (what an adapter's `baseUrl` is set to). */
  readonly baseUrl: string;
  /** In-process control, the same operations as `/__sim/oai/…`. */
  readonly repository: Pick<RepositoryState, 'upsert' | 'remove' | 'expireTokens' | 'sorted'> & {
    inject(injection: OaiInjection): void;
    advanceClock(ms: number): void;
  };
}

/**
 * Starts a wire-faithful OAI-PMH 2.0 repository of open educational resources on loopback: all six verbs
 * over GET and form POST at `/oai`, oai_dc and IEEE LOM, resumption tokens that expire, deleted records
 * (per `deletedRecord`), selective harvesting by date and set, seeded items in en, fr, es, ar, zh and ru
 * with Creative Commons licences and SDG subjects (deterministic by seed). Controls: adapters/core
 * simulator.ts (`/__sim/stats|fault|reset`) and simulator/control.ts (`/__sim/oai/…`).
 */
export async function startOaiPmhSimulator(options: OaiPmhSimulatorOptions = {}): Promise<OaiPmhSimulatorHandle> {
  const state = new RepositoryState(options);
  const handle = await startSimulator(
    createOaiPmhProtocol(state),
    options.port === undefined ? {} : { port: options.port },
  );
  return Object.assign(handle, {
    baseUrl: `${handle.url}${OAI_PATH}`,
    repository: {
      upsert: state.upsert.bind(state),
      remove: state.remove.bind(state),
      expireTokens: state.expireTokens.bind(state),
      sorted: state.sorted.bind(state),
      inject: (injection: OaiInjection) => state.inject(injection),
      advanceClock: (ms: number) => {
        state.clockOffsetMs += ms;
      },
    },
  });
}
