import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { accessLog, accessNotesPlugin, requestIdMiddleware, withResponse } from './access.js';
import { Drainer } from './drain.js';
import { errorMiddleware } from './httpErrors.js';

/** The HTTP settings every process takes from its config file (`serving:`). */
export const servingSettingsSchema = z
  .object({
    /** Larger request bodies are answered 413 REQUEST_TOO_LARGE. @default 1000000 */
    bodyLimitBytes: z.number().int().positive().optional(),
    /** The whole header block must arrive within this (slow-loris guard). @default 10000 */
    headersTimeoutMs: z.number().int().positive().optional(),
    /** The whole request must arrive within this. @default 30000 */
    requestTimeoutMs: z.number().int().positive().optional(),
    /** How long requests in flight may finish after SIGTERM before they are cut. @default 10000 */
    drainTimeoutMs: z.number().int().positive().optional(),
  })
  .strict();

export type ServingSettings = z.infer<typeof servingSettingsSchema>;

export interface ServeOptions<TContext extends BaseContext> extends ServingSettings {
  /** Not yet started: `serveApollo` starts it. */
  readonly server: ApolloServer<TContext>;
  readonly context: (req: express.Request, res: express.Response) => Promise<TContext>;
  /** @default 0 (the OS picks) */
  readonly port?: number | undefined;
  /** @default 127.0.0.1 */
  readonly host?: string | undefined;
  /** Where GraphQL answers: `/graphql` (the gateway) or `/` (subgraphs: any path not routed otherwise). */
  readonly path?: '/' | '/graphql';
  /** Readiness besides "started and not draining" (the gateway: has agencies). */
  readonly ready?: (() => { readonly ok: boolean; readonly detail?: Record<string, unknown> }) | undefined;
  /** Routes served before GraphQL (JWKS, metrics, the explorer). */
  readonly routes?: ((app: express.Express) => void) | undefined;
  /** Middleware run before every GraphQL request, before its body is read (CORS, metrics). */
  readonly before?: readonly express.RequestHandler[] | undefined;
  /** Middleware run once the body is read, right before Apollo Server (tracing: its context must carry on). */
  readonly afterBody?: readonly express.RequestHandler[] | undefined;
  /** One access-log line per request at `info`; none without a logger. */
  readonly logger?: Logger | undefined;
  /** Operations whose successful requests are logged at `debug`: routine polls that would flood `info`. */
  readonly quietOperations?: readonly string[] | undefined;
  /** Called after the HTTP server has drained, before Apollo Server stops. */
  readonly onStop?: (() => Promise<void> | void) | undefined;
}

export interface Serving extends AsyncDisposable {
  /** The GraphQL URL. */
  readonly url: string;
  readonly origin: string;
  readonly drainer: Drainer;
  stop(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1_000_000;

/**
 * Every Convergence process serves GraphQL the same way (issue 12): Apollo Server on its Express
 * integration, `/health` (alive) and `/ready` (started, not draining, and the process's own condition),
 * a request id generated when absent and echoed, one access-log line per request, a body limit answered
 * 413, slow-client timeouts, and a graceful drain on stop.
 */
export async function serveApollo<TContext extends BaseContext>(options: ServeOptions<TContext>): Promise<Serving> {
  options.server.addPlugin(accessNotesPlugin<TContext>());
  await options.server.start();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  const httpServer = http.createServer(app);
  const drainer = new Drainer(httpServer);
  app.use(requestIdMiddleware);
  if (options.logger) app.use(accessLog(options.logger, new Set(options.quietOperations)));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    const own = options.ready?.() ?? { ok: true };
    const ok = own.ok && !drainer.draining;
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? 'ready' : drainer.draining ? 'draining' : 'not ready', ...own.detail });
  });
  options.routes?.(app);

  const path = options.path ?? '/';
  const graphql = [
    ...(options.before ?? []),
    express.json({ limit: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT }),
    ...(options.afterBody ?? []),
    expressMiddleware(options.server, {
      // Each request's context leads its access-log notes to its response.
      context: async ({ req, res }) => withResponse(await options.context(req, res), res),
    }),
  ];
  if (path === '/') app.use(graphql);
  else {
    app.use(path, graphql);
    app.use((_req, res) => {
      res.status(404).json({ error: `not found; the endpoint is ${path}` });
    });
  }
  app.use(errorMiddleware(options.logger));

  httpServer.keepAliveTimeout = 5_000;
  httpServer.headersTimeout = options.headersTimeoutMs ?? 10_000;
  httpServer.requestTimeout = options.requestTimeoutMs ?? 30_000;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const origin = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const { cut } = await drainer.drain(options.drainTimeoutMs ?? 10_000);
      if (cut > 0) options.logger?.warn({ cut }, 'drain timeout: requests still in flight were cut');
      await options.onStop?.();
      await options.server.stop();
    })();
    return stopping;
  };
  return {
    url: path === '/' ? `${origin}/` : `${origin}${path}`,
    origin,
    drainer,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
