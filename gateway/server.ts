import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from 'pino';
import { LEARNING_SUBGRAPH } from '../schema/compose.js';
import { formattedError } from '../schema/errors.js';
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
import { serveDashboard } from './dashboard/handler.js';
import type { AgencyDirectory } from './directory.js';
import { CursorCodec } from './sharding/cursor.js';
import { ShardingDataSource } from './sharding/dataSource.js';
import { AssertingDataSource } from './subgraphDataSource.js';

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
}

export interface RunningGateway extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

const MAX_BODY_BYTES = 1_000_000;

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The one endpoint: Apollo Server 5 over `@apollo/gateway`, booted from the committed supergraph. The
 * `learning` subgraph is served by the sharding data source over the agency directory; `/health` says
 * the process is alive, `/ready` that the gateway has loaded its schema and has agencies to ask.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const supergraphSdl = options.supergraphSdl ?? readFileSync(SUPERGRAPH_FILE, 'utf8');
  const auth = options.auth ?? (await createGatewayAuth(authConfigSchema.parse({}), supergraphSdl));
  const sharding = new ShardingDataSource({
    directory: options.directory,
    codec: new CursorCodec(options.cursorSecret),
    agencyTimeoutMs: options.agencyTimeoutMs,
    deadlineMs: options.deadlineMs,
  });
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
    plugins: [ApolloServerPluginUsageReportingDisabled(), authorizationPlugin(auth)],
  });
  await server.start();
  let ready = true;

  const httpServer = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const cors = corsFor(req.method ?? 'GET', req.headers.origin, auth.config.cors);
    if (cors.kind === 'refused') {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"error":"origin not allowed"}');
      return;
    }
    if (cors.kind === 'allowed') {
      for (const [key, value] of Object.entries(cors.headers)) res.setHeader(key, value);
      if (cors.preflight) {
        res.writeHead(204).end();
        return;
      }
    }
    if (url.pathname === '/.well-known/jwks.json') {
      // The public key of the gateway's assertions, for agency subgraphs and the registry.
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=300' });
      res.end(JSON.stringify(auth.signer.jwks()));
      return;
    }
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url.pathname === '/ready') {
      const ok = ready && options.directory.active().length > 0;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ok ? 'ready' : 'not ready', agencies: options.directory.active().length }));
      return;
    }
    if (serveDashboard(req, res, url.pathname)) return;
    if (url.pathname !== '/graphql') {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found; the endpoint is /graphql"}');
      return;
    }
    try {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const text = req.method === 'POST' ? await readBody(req) : '';
      let body: unknown = text;
      if (headers.get('content-type')?.includes('application/json') && text) {
        try {
          body = JSON.parse(text);
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' });
          res.end(
            JSON.stringify({
              errors: [formattedError('BAD_REQUEST', 'The request body is not valid JSON.')],
            }),
          );
          return;
        }
      }
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
        context: () => authContext(auth, headers),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      options.logger?.error({ err: String(error) }, 'request failed');
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: [formattedError('BAD_REQUEST', 'The request could not be read.')],
        }),
      );
    }
  });
  httpServer.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  const stop = async () => {
    ready = false;
    await new Promise<void>((resolve) => {
      httpServer.closeIdleConnections();
      httpServer.close(() => resolve());
      setTimeout(() => httpServer.closeAllConnections(), 2_000).unref();
    });
    await server.stop();
    auth.audit.flush();
  };
  return { url: `http://127.0.0.1:${port}/graphql`, stop, [Symbol.asyncDispose]: stop };
}
