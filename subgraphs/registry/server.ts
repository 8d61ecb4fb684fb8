import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { Keyv } from 'keyv';
import type { Logger } from 'pino';
import type { Secret } from '../../schema/config/secret.js';
import { DIRECTORY_POLL_OPERATIONS } from '../../schema/directoryPolls.js';
import { createFormatError } from '../../schema/formatError.js';
import { PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import { type ServingSettings, serveApollo } from '../../schema/serving/index.js';
import { assertionOf } from '../assertion/context.js';
import { AssertionVerifier, type GatewayTrust } from '../assertion/verifier.js';
import { identifyCaller } from './auth.js';
import type { RegistryContext } from './context.js';
import { type CredentialVerifierSettings, createCredentialVerifier } from './credentials/index.js';
import { type CurationCriterion, DEFAULT_CURATION_CRITERIA } from './curation/criteria.js';
import { CurationService } from './curation/service.js';
import { CurationStore } from './curation/store.js';
import { DestinationPolicy } from './gate/destination.js';
import { runRegistrationGate } from './gate/index.js';
import { HealthMonitor, type HealthOptions } from './health.js';
import type { RegistryAccess } from './recognition/access.js';
import { type AgencyWriter, createAgencyWriter } from './recognition/agencyWriter.js';
import { RecognitionService } from './recognition/service.js';
import { RecognitionStore } from './recognition/store.js';
import { buildRegistrySubgraphSchema } from './schema.js';
import { RegistryService } from './service.js';
import type { RegistryStore } from './store/registryStore.js';

export interface RegistryOptions {
  readonly store: RegistryStore;
  readonly adminToken: Secret;
  /** Read-only credential for gateways; without it they use the admin token. */
  readonly directoryToken?: Secret | undefined;
  /** Read-only credential of the insights harvest (directory and recognition feed). */
  readonly harvestToken?: Secret | undefined;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  readonly health?: Partial<HealthOptions>;
  /** @default 5000 */
  readonly gateTimeoutMs?: number;
  /**
   * Non-public addresses (IPs or CIDRs) the gate and health checks may call, e.g. loopback in the sandbox.
   * @default [] (public addresses only)
   */
  readonly allowedDestinations?: readonly string[];
  readonly logger?: Logger;
  /** The gateway whose assertions are trusted (REGISTRY_ADMIN principals act as admins through it). */
  readonly gateway?: GatewayTrust | undefined;
  /** Body limit, slow-client timeouts, drain timeout on stop. */
  readonly serving?: ServingSettings | undefined;
  /** Curation records (durable: the CLI gives one on the registry's backend). @default in memory */
  readonly curation?: CurationStore | undefined;
  /** @default DEFAULT_CURATION_CRITERIA */
  readonly curationCriteria?: readonly CurationCriterion[] | undefined;
  /**
   * Recognised learning (issue 14): its store, the credential verifier's settings, the LMS writer.
   * @default an in-memory store (embedding and tests; `convergence registry` always gives the durable one)
   */
  readonly recognition?: {
    readonly store: RecognitionStore;
    readonly verifier?: CredentialVerifierSettings;
    /** How recorded recognitions reach an agency's LMS. @default its subgraph's recordExternalLearning */
    readonly writer?: AgencyWriter;
    /** Counts under this are withheld from analysts. @default 5 */
    readonly suppressionThreshold?: number;
    readonly now?: () => Date;
  };
}

export interface RunningRegistry extends AsyncDisposable {
  readonly url: string;
  readonly service: RegistryService;
  stop(): Promise<void>;
}

/** Runs the registry subgraph; the store is closed when it stops. */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const destinations = new DestinationPolicy(options.allowedDestinations);
  const health = new HealthMonitor(() => options.store.list(), {
    intervalMs: options.health?.intervalMs ?? 10_000,
    degradedAfterMs: options.health?.degradedAfterMs ?? 1_000,
    timeoutMs: options.health?.timeoutMs ?? 5_000,
    destinations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const gateTimeoutMs = options.gateTimeoutMs ?? 5_000;
  const service = new RegistryService(
    options.store,
    (code, url) => runRegistrationGate(code, url, { timeoutMs: gateTimeoutMs, destinations }),
    options.logger,
    (record, code) => void (record ? health.check(record) : health.forget(code)),
  );
  const curationStore = options.curation ?? new CurationStore(new Keyv({ namespace: 'curation' }));
  const curation = new CurationService(
    curationStore,
    options.curationCriteria ?? DEFAULT_CURATION_CRITERIA,
    async (code) => (await options.store.get(code)) !== undefined,
  );
  const settings = options.recognition ?? { store: new RecognitionStore(new Keyv({ namespace: 'recognition' })) };
  const verifier = createCredentialVerifier(settings.verifier);
  const recognition = new RecognitionService({
    store: settings.store,
    registrations: options.store,
    verifier,
    writer: settings.writer ?? createAgencyWriter(),
    ...(settings.now ? { now: settings.now } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(settings.suppressionThreshold !== undefined ? { suppressionThreshold: settings.suppressionThreshold } : {}),
  });
  const server = new ApolloServer<RegistryContext>({
    schema: await buildRegistrySubgraphSchema(),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: createFormatError((error) =>
      options.logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'registry request failed'),
    ),
  });
  const assertions = options.gateway ? new AssertionVerifier(options.gateway) : undefined;
  const serving = await serveApollo({
    server,
    port: options.port,
    host: options.host,
    logger: options.logger,
    // Every gateway polls the directory every few seconds: those lines go to `debug` unless they fail.
    quietOperations: DIRECTORY_POLL_OPERATIONS,
    ...options.serving,
    context: async (req) => {
      const header = req.headers[PRINCIPAL_ASSERTION_HEADER];
      const outcome = await assertionOf(assertions, header);
      const caller = identifyCaller(req.headers.authorization, options, outcome);
      const access: RegistryAccess =
        outcome.kind === 'valid'
          ? {
              principal: outcome.principal,
              viaGateway: true,
              assertion: Array.isArray(header) ? header[0] : header,
              caller,
            }
          : { principal: { kind: 'anonymous' }, viaGateway: false, assertion: undefined, caller };
      return { caller, access, service, health, recognition, verifier, curation, memo: {} };
    },
  });
  health.start();
  const stop = async () => {
    health.stop();
    await serving.stop();
    verifier.dispose();
    await settings.store.close();
    await options.store.close();
    await curationStore.close();
  };
  return { url: serving.url, service, stop, [Symbol.asyncDispose]: stop };
}
