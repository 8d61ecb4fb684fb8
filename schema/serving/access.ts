import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { getOperationAST } from 'graphql';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
/** A GraphQL name of sane length: anything else a client sends as `operationName` is not logged. */
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The client's `x-request-id` when it is a sane token, else a fresh one. */
export const requestIdFrom = (header: string | string[] | undefined): string =>
  typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();

/**
 * Every request gets an id (the caller's when sane, else generated), echoed in `x-request-id` and written
 * back to the request headers, so the GraphQL context, the access log and calls to agencies all see the
 * same one.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdFrom(req.headers['x-request-id']);
  req.headers['x-request-id'] = id;
  res.setHeader('x-request-id', id);
  next();
}

/** What Apollo Server tells about a request, for its access-log line: the operation run, errors or not. */
export interface AccessNotes {
  operation?: string;
  errors?: boolean;
}

export const accessNotes = (res: ServerResponse): AccessNotes => {
  const holder = res as ServerResponse & { accessNotes?: AccessNotes };
  holder.accessNotes ??= {};
  return holder.accessNotes;
};

/** A request's outcome: executed (`ok`, or `error` when the answer holds errors) or refused by status. */
export type Outcome = 'ok' | 'error' | 'refused' | 'rate_limited' | 'failed';

/**
 * The operation (as Apollo Server resolved it, else the `operationName` asked for, so a request refused
 * before parsing — 401, 413, 429 — is still named) and outcome of a request whose answer was sent.
 */
export function accessSummary(
  req: IncomingMessage & { body?: unknown },
  res: ServerResponse,
): { operation: string | null; outcome: Outcome } {
  const notes = accessNotes(res);
  const asked = (req.body as { operationName?: unknown } | undefined)?.operationName;
  const named = notes.operation ?? (typeof asked === 'string' ? asked : undefined);
  const operation = named !== undefined && OPERATION_NAME.test(named) ? named : null;
  const status = res.statusCode;
  const outcome: Outcome =
    status === 429
      ? 'rate_limited'
      : status >= 500
        ? 'failed'
        : status >= 400
          ? 'refused'
          : notes.errors
            ? 'error'
            : 'ok';
  return { operation, outcome };
}

/**
 * Where a request's context keeps its response. A symbol property (enumerable, so it survives Apollo
 * Server's shallow copy of the context for every operation) that no resolver sees by name.
 */
const RESPONSE = Symbol('convergence.response');

/** Marks a request's context with its response, for `accessNotesPlugin`. */
export function withResponse<TContext extends BaseContext>(context: TContext, res: ServerResponse): TContext {
  (context as { [RESPONSE]?: ServerResponse })[RESPONSE] = res;
  return context;
}

/**
 * Notes each GraphQL request's operation and whether its answer holds errors on its response (found
 * from the context, see `withResponse`), for the access log and the gateway's metrics.
 */
export function accessNotesPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const res = (contextValue as { [RESPONSE]?: ServerResponse })[RESPONSE];
      if (!res) return;
      const notes = accessNotes(res);
      return {
        // As soon as the document is parsed: a request refused later (validation, a limit) is still named.
        async validationDidStart({ request, document }) {
          const name = getOperationAST(document, request.operationName)?.name?.value;
          if (name) notes.operation = name;
        },
        async willSendResponse({ response, operationName }) {
          if (operationName) notes.operation = operationName;
          notes.errors = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
        },
      };
    },
  };
}

/** Probes a load balancer or orchestrator sends every few seconds: logged at `debug` while they succeed. */
const PROBE_PATHS = new Set(['/health', '/ready']);

/**
 * One line per request at `info` (warn for 5xx): request id, method, path (never the query string, which
 * may hold variables), status, duration, operation name and outcome. No headers, bodies, tokens or
 * principals. Routine polls that would flood `info` are logged at `debug` while they succeed: health and
 * readiness probes, and `quietOperations` (the registry: its readers' directory polls).
 */
export function accessLog(logger: Logger, quietOperations: ReadonlySet<string> = new Set()) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => String(req.headers['x-request-id']),
    customLogLevel: (req, res, error) => {
      // A probe answered 503 (not ready, draining) is the answer asked for, not a failure.
      if (!error && PROBE_PATHS.has(req.url?.split('?')[0] ?? '')) return res.statusCode < 400 ? 'debug' : 'info';
      if (error || res.statusCode >= 500) return 'warn';
      const { operation, outcome } = accessSummary(req, res);
      return outcome === 'ok' && operation !== null && quietOperations.has(operation) ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    // pino-http also asks at the start of the request, when there is nothing to say yet.
    customProps: (req, res) => (res.headersSent ? accessSummary(req, res) : {}),
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
}
