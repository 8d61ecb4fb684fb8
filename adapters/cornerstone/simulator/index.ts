import { type SimulatorHandle, startSimulator } from '../../core/simulator.js';
import { type CornerstoneDataset, createDataset } from './dataset.js';
import type { CornerstoneSimulatorLimits } from './limits.js';
import { createCornerstoneProtocol } from './protocol.js';
import type { TranscriptChange } from './writes.js';

export type { CornerstoneDataset } from './dataset.js';
export { createDataset as createCornerstoneDataset, SHARED_PEOPLE } from './dataset.js';
export type { CornerstoneSimulatorLimits } from './limits.js';
export type { TranscriptChange } from './writes.js';

/** Credentials the sandbox simulator accepts unless told otherwise. Not secrets: test fixtures. */
export const CORNERSTONE_SANDBOX_CREDENTIALS = {
  clientId: 'convergence-sandbox',
  clientSecret: 'sandbox-secret-not-for-production',
} as const;

export interface CornerstoneSimulatorOptions {
  /** Dataset seed: the same seed gives the same portal. @default 1 */
  readonly seed?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** `expires_in` of issued tokens. @default 3600 */
  readonly tokenTtlSeconds?: number;
  readonly limits?: CornerstoneSimulatorLimits;
  /** @default 300000 (5 minutes, §2.4.3) */
  readonly pageTokenTtlMs?: number;
  /** Catalog Search page size [I]. @default 25 */
  readonly catalogPageSize?: number;
  /** v1 transcript page size [I]. @default 10 */
  readonly transcriptPageSize?: number;
  /** Server cap on OData page size. @default 1000 */
  readonly odataMaxPageSize?: number;
  /** Transcript Search page size. @default 50 (§2.4.2c) */
  readonly searchPageSize?: number;
}

export interface CornerstoneSimulatorHandle extends SimulatorHandle {
  readonly dataset: CornerstoneDataset;
  /** Tokens issued since start or reset. */
  tokensIssued(): number;
  /** Forgets every issued token: the next call with one gets 401 (a session ending mid-way). */
  revokeTokens(): void;
  /** The next `count` Employee API page tokens presented are refused as expired. */
  expireNextPageTokens(count?: number): void;
  /** The next `count` Reporting API answers break off with an error inside a 200 body. */
  injectStreamErrors(count?: number): void;
  /**
   * Changes a transcript record as someone in the portal would; its modification time becomes now, so
   * Transcript Search finds it (issue 15). False when the user has no record of that learning object.
   */
  updateTranscript(userId: number, loId: string, change: TranscriptChange): boolean;
}

/** A wire-faithful fake Cornerstone portal on 127.0.0.1 (lms-apis.md §2.7). */
export async function startCornerstoneSimulator(
  options: CornerstoneSimulatorOptions = {},
): Promise<CornerstoneSimulatorHandle> {
  const dataset = createDataset(options.seed ?? 1);
  const { protocol, control, revokeTokens, writes } = createCornerstoneProtocol(dataset, {
    clientId: options.clientId ?? CORNERSTONE_SANDBOX_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? CORNERSTONE_SANDBOX_CREDENTIALS.clientSecret,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    ...(options.limits ? { limits: options.limits } : {}),
    pageTokenTtlMs: options.pageTokenTtlMs ?? 300_000,
    catalogPageSize: options.catalogPageSize ?? 25,
    transcriptPageSize: options.transcriptPageSize ?? 10,
    odataMaxPageSize: options.odataMaxPageSize ?? 1000,
    searchPageSize: options.searchPageSize ?? 50,
  });
  const handle = await startSimulator(protocol, options.port !== undefined ? { port: options.port } : {});
  return Object.assign(handle, {
    dataset,
    tokensIssued: () => control.tokensIssued,
    revokeTokens,
    expireNextPageTokens(count = 1) {
      control.expireNextPageTokens += count;
    },
    injectStreamErrors(count = 1) {
      control.streamErrors += count;
    },
    updateTranscript: (userId: number, loId: string, change: TranscriptChange) => writes.update(userId, loId, change),
  });
}
