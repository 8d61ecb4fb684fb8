import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { LEARNING_SUBGRAPH } from '../schema/compose.js';
import { type ServingSettings, serveApollo } from '../schema/serving/index.js';
import {
  type AuthContext,
  authConfigSchema,
  authContext,
  authorizationPlugin,
  corsFor,
  createGatewayAuth,
  type GatewayAuth,
  supergraphForStockGateway,
} from './auth/index.js';
import { DASHBOARD_PATHS, serveDashboard } from './dashboard/handler.js';
import type { AgencyDirectory } from './directory.js';
import { mountExplorer } from './explorer/explorer.js';
import { type LimitsConfig, limitsConfigSchema } from './limits/config.js';
import { limitsPlugin, tokenLimitError } from './limits/plugin.js';
import { clientKey, createRateLimiter, type RateLimiter } from './limits/rateLimit.js';
import { GatewayMetrics } from './observability/metrics.js';
import { requestObserver } from './observability/requests.js';
import { createTracing, type TracingConfig } from './observability/tracing.js';
import { CursorCodec } from './sharding/cursor.js';
import { ShardingDataSource } from './sharding/dataSource.js';
import { AssertingDataSource } from './subgraphDataSource.js';
import { AnswerCache, type AnswerCacheConfig } from './upstream/answerCache.js';
import { AgencyBreakers, type BreakerSettings } from './upstream/breakers.js';
import { upstreamSender } from './upstream/pipeline.js';

export interface GatewayOptions {
  readonly directory: AgencyDirectory;
  /** The committed supergraph (schema/supergraph.graphql) unless given. */
  readonly supergraphSdl?: string;
  readonly port?: number;
  readonly host?: string;
  readonly agencyTimeoutMs: number;
  readonly deadlineMs: number;
  /** Signs cross-agency cursors; set the same value on every gateway instance behind a load balancer. */
  readonly cursorSecret: string;
  /** URLs of non-sharded subgraphs (the registry), by subgraph name. */
  readonly subgraphUrls?: Readonly<Record<string, string>>;
  readonly introspection?: boolean;
  readonly logger?: Logger;
  /** Who is asking (issuers, assertion key, CORS, audit, disclosure); everyone anonymous when absent. */
  readonly auth?: GatewayAuth;
  /** Depth, aliases, directives, tokens, cost, rate. @default limitsConfigSchema's defaults (no rate limit) */
  readonly limits?: LimitsConfig;
  /** Body limit, slow-client timeouts, drain timeout. */
  readonly serving?: ServingSettings;
  /** Per-agency circuit breakers. @default 3 failures, half-open after 5 s */
  readonly breaker?: BreakerSettings;
  /** The shared cache of non-personal agency answers; none when absent. */
  readonly answerCache?: AnswerCacheConfig | undefined;
  /** OpenTelemetry traces over OTLP; off when absent. */
  readonly tracing?: TracingConfig | undefined;
  /** Tests: spans go to this exporter (tracing on without an OTLP endpoint). */
  readonly traceExporter?: SpanExporter | undefined;
  /** Prometheus `/metrics`. @default true */
  readonly metrics?: boolean;
  /** The offline explorer (GraphiQL) at `GET /graphql` for browsers. @default on unless NODE_ENV=production */
  readonly explorer?: boolean | undefined;
  /** The registry's health per agency feeds the breakers (RegistryDirectorySource.onHealth). */
  readonly onBreakers?: ((breakers: AgencyBreakers) => void) | undefined;
}

export interface RunningGateway extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

/** Apollo Server's context from the Express request: who is asking, then their rate budget. */
function contextFor(auth: GatewayAuth, limiter: RateLimiter | undefined) {
  return async (req: Request): Promise<AuthContext> => {
    const headers = { get: (name: string) => req.get(name) };
    const context = await authContext(auth, headers);
    await limiter?.consume(clientKey(context.principal, req.socket.remoteAddress));
    return context;
  };
}

/** CORS from `auth.cors`: only configured origins; a refused preflight is 403. */
function corsMiddleware(config: GatewayAuth['config']['cors']): RequestHandler {
  return (req, res, next) => {
    const cors = corsFor(req.method, req.headers.origin, config);
    if (cors.kind === 'refused') {
      res.status(403).json({ error: 'origin not allowed' });
      return;
    }
    if (cors.kind === 'allowed') {
      for (const [key, value] of Object.entries(cors.headers)) res.setHeader(key, value);
      if (cors.preflight) {
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/**
 * The one endpoint: Apollo Server 5 over `@apollo/gateway`, booted from the committed supergraph, served
 * by the shared serving layer (`schema/serving`). The `learning` subgraph is served by the sharding data
 * source over the agency directory; `/ready` also says the gateway has agencies to ask. Limits and the
 * rate budget refuse a request before any agency is called.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const auth = options.auth ?? (await createGatewayAuth(authConfigSchema.parse({}), supergraphSdl));
  const limits = options.limits ?? limitsConfigSchema.parse({});
  const activeAgencies = () => options.directory.active().length;
  const metrics = new GatewayMetrics(activeAgencies);
  const tracing = createTracing(options.tracing, options.traceExporter);
  const breakers = new AgencyBreakers(
    options.breaker ?? { failures: 3, halfOpenAfterMs: 5_000 },
    (agency, state) => metrics.breakerState.set({ agency }, state),
    (agency) => metrics.agencyErrors.inc({ agency, code: 'CIRCUIT_OPEN' }),
  );
  options.onBreakers?.(breakers);
  const cache = options.answerCache
    ? new AnswerCache(options.answerCache, (hit) => metrics.cache.inc({ result: hit ? 'hit' : 'miss' }))
    : undefined;
  const sharding = new ShardingDataSource({
    directory: options.directory,
    codec: new CursorCodec(options.cursorSecret),
    agencyTimeoutMs: options.agencyTimeoutMs,
    deadlineMs: options.deadlineMs,
    send: upstreamSender({ metrics, tracing, breakers, cache }),
  });
  const observer = requestObserver(metrics);
  // Without this @apollo/gateway sends usage metrics to Apollo and probes cloud metadata services
  // (169.254.169.254) at start: the gateway calls only its agencies, its registry and what its config names.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphForStockGateway(supergraphSdl),
    buildService: ({ name, url }) => {
      if (name === LEARNING_SUBGRAPH) return sharding;
      const target = { url: options.subgraphUrls?.[name] ?? url ?? '', fetcher: globalThis.fetch };
      // The registry reads the principal (REGISTRY_ADMIN) from the gateway's assertion.
      return new AssertingDataSource(target);
    },
  });
  const server = new ApolloServer<AuthContext>({
    gateway,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // CSRF prevention stays on (the Apollo Server default), with or without CORS origins.
    csrfPrevention: true,
    parseOptions: { maxTokens: limits.maxTokens },
    formatError: (formatted) => tokenLimitError(formatted) ?? formatted,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginLandingPageDisabled(),
      limitsPlugin(limits, activeAgencies),
      authorizationPlugin(auth),
    ],
  });
  const limiter = limits.rate ? createRateLimiter(limits.rate) : undefined;
  metrics.watchRedis('answer_cache', cache?.redisReady);
  metrics.watchRedis('rate_limit', limiter?.redisReady);
  const serving = await serveApollo({
    server,
    context: contextFor(auth, limiter),
    port: options.port,
    host: options.host,
    path: '/graphql',
    logger: options.logger,
    ...options.serving,
    ready: () => {
      const agencies = activeAgencies();
      return { ok: agencies > 0, detail: { agencies } };
    },
    before: [corsMiddleware(auth.config.cors), observer],
    // After the body is read: the request's trace context must reach every agency call.
    afterBody: tracing ? [tracing.middleware] : [],
    routes: (app) => {
      // The public key of the gateway's assertions, for agency subgraphs and the registry.
      app.get('/.well-known/jwks.json', (_req, res) => {
        res.setHeader('cache-control', 'max-age=300');
        res.json(auth.signer.jwks());
      });
      app.options('/.well-known/jwks.json', corsMiddleware(auth.config.cors));
      // The learning dashboard (issue 15): its page, script and charting library; numbers from /graphql.
      app.get(DASHBOARD_PATHS, (req, res) => void serveDashboard(req, res, req.path));
      if (options.explorer ?? process.env.NODE_ENV !== 'production') mountExplorer(app);
      if (options.metrics ?? true) {
        app.get('/metrics', async (_req, res) => {
          res.setHeader('content-type', metrics.registry.contentType);
          res.end(await metrics.registry.metrics());
        });
      }
    },
    onStop: async () => {
      auth.audit.flush();
      await cache?.close();
      await limiter?.close();
      await tracing?.shutdown();
    },
  });
  return { url: serving.url, stop: serving.stop, [Symbol.asyncDispose]: serving.stop };
}
