import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

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

/** What a handler may add to its request's access-log line (the gateway: operation name, outcome). */
export interface AccessNotes {
  operation?: string;
  outcome?: string;
}

export const accessNotes = (res: ServerResponse): AccessNotes => {
  const holder = res as ServerResponse & { accessNotes?: AccessNotes };
  holder.accessNotes ??= {};
  return holder.accessNotes;
};

/**
 * One line per request at `info` (warn for 5xx): request id, method, path (never the query string, which
 * may hold variables), status, duration, and the operation name. No headers, no bodies, no principal.
 */
export function accessLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage) => String(req.headers['x-request-id']),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'warn' : 'info'),
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request failed',
    customProps: (_req, res) => ({ ...accessNotes(res) }),
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
