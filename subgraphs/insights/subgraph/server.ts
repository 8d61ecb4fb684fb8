import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { DEFAULT_SUPPRESSION_THRESHOLD } from '../../../schema/disclosure.js';
import { createFormatError } from '../../../schema/formatError.js';
import { ANONYMOUS, PRINCIPAL_ASSERTION_HEADER } from '../../../schema/principal.js';
import { serveApollo } from '../../../schema/serving/index.js';
import { assertionOf } from '../../assertion/context.js';
import { AssertionVerifier, type GatewayTrust } from '../../assertion/verifier.js';
import { KpiEngine } from '../answer/engine.js';
import type { InsightsStore } from '../store/insightsStore.js';
import type { InsightsContext } from './context.js';
import { buildInsightsSubgraphSchema } from './schema.js';

export interface InsightsSubgraphOptions {
  readonly store: InsightsStore;
  /** The gateway whose assertions say who is asking; without it every caller is refused. */
  readonly gateway?: GatewayTrust | undefined;
  readonly port?: number;
  readonly host?: string;
  /** @default 5 */
  readonly suppressionThreshold?: number;
  readonly logger?: Logger;
}

export interface RunningInsights extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

/** Runs the insights subgraph over a store (the caller keeps it: harvests may share it in-process). */
export async function startInsightsSubgraph(options: InsightsSubgraphOptions): Promise<RunningInsights> {
  const server = new ApolloServer<InsightsContext>({
    schema: await buildInsightsSubgraphSchema(),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: createFormatError((error) =>
      options.logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'insights request failed'),
    ),
  });
  const assertions = options.gateway ? new AssertionVerifier(options.gateway) : undefined;
  const engine = new KpiEngine(options.store);
  const threshold = options.suppressionThreshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  // The shared serving layer: /health, /ready, request ids, the access log, a graceful drain on stop.
  const serving = await serveApollo({
    server,
    port: options.port,
    host: options.host,
    logger: options.logger,
    context: async (req) => {
      const outcome = await assertionOf(assertions, req.headers[PRINCIPAL_ASSERTION_HEADER]);
      return {
        access:
          outcome.kind === 'valid'
            ? { principal: outcome.principal, viaGateway: true }
            : { principal: ANONYMOUS, viaGateway: false },
        store: options.store,
        engine,
        threshold,
        now: () => new Date(),
      };
    },
  });
  const stop = () => serving.stop();
  return { url: serving.url, stop, [Symbol.asyncDispose]: stop };
}
