import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { Logger } from 'pino';
import type { Secret } from '../../schema/config/secret.js';
import { createFormatError } from '../../schema/formatError.js';
import { PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import { assertionOf } from '../assertion/context.js';
import { AssertionVerifier, type GatewayTrust } from '../assertion/verifier.js';
import { identifyCaller } from './auth.js';
import type { RegistryContext } from './context.js';
import { runRegistrationGate } from './gate/index.js';
import { HealthMonitor, type HealthOptions } from './health.js';
import { buildRegistrySubgraphSchema } from './schema.js';
import { RegistryService } from './service.js';
import type { RegistryStore } from './store/registryStore.js';

export interface RegistryOptions {
  readonly store: RegistryStore;
  readonly adminToken: Secret;
  /** Read-only credential for gateways; without it they use the admin token. */
  readonly directoryToken?: Secret | undefined;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  readonly health?: Partial<HealthOptions>;
  /** @default 5000 */
  readonly gateTimeoutMs?: number;
  readonly logger?: Logger;
  /** The gateway whose assertions are trusted (REGISTRY_ADMIN principals act as admins through it). */
  readonly gateway?: GatewayTrust | undefined;
}

export interface RunningRegistry extends AsyncDisposable {
  readonly url: string;
  readonly service: RegistryService;
  stop(): Promise<void>;
}

/** Runs the registry subgraph; the store is closed when it stops. */
export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const health = new HealthMonitor(() => options.store.list(), {
    intervalMs: options.health?.intervalMs ?? 10_000,
    degradedAfterMs: options.health?.degradedAfterMs ?? 1_000,
    timeoutMs: options.health?.timeoutMs ?? 5_000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const gateTimeoutMs = options.gateTimeoutMs ?? 5_000;
  const service = new RegistryService(
    options.store,
    (code, url) => runRegistrationGate(code, url, { timeoutMs: gateTimeoutMs }),
    options.logger,
    (record, code) => void (record ? health.check(record) : health.forget(code)),
  );
  const server = new ApolloServer<RegistryContext>({
    schema: await buildRegistrySubgraphSchema(),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: createFormatError((error) =>
      options.logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'registry request failed'),
    ),
  });
  const verifier = options.gateway ? new AssertionVerifier(options.gateway) : undefined;
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async ({ req }) => ({
      caller: identifyCaller(
        req.headers.authorization,
        options,
        await assertionOf(verifier, req.headers[PRINCIPAL_ASSERTION_HEADER]),
      ),
      service,
      health,
    }),
  });
  health.start();
  const stop = async () => {
    health.stop();
    await server.stop();
    await options.store.close();
  };
  return { url, service, stop, [Symbol.asyncDispose]: stop };
}
