import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { formattedError } from '../errors.js';

interface HttpParserError {
  readonly status?: number;
  readonly type?: string;
}

/**
 * What the HTTP layer refuses before GraphQL sees the request: a body over the limit is 413
 * REQUEST_TOO_LARGE, a body that is not JSON is 400 BAD_REQUEST; anything else is a 500 whose detail stays
 * in the log. Never a stack trace.
 */
export function errorMiddleware(logger: Logger | undefined) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const parser = (error ?? {}) as HttpParserError;
    if (parser.type === 'entity.too.large' || parser.status === 413) {
      res.status(413).json({
        errors: [formattedError('REQUEST_TOO_LARGE', 'The request body is larger than this server accepts.')],
      });
      return;
    }
    if (parser.type === 'entity.parse.failed' || (parser.status !== undefined && parser.status < 500)) {
      res.status(400).json({ errors: [formattedError('BAD_REQUEST', 'The request body is not valid JSON.')] });
      return;
    }
    logger?.error({ err: error instanceof Error ? error.message : String(error) }, 'request failed');
    res.status(500).json({ errors: [formattedError('INTERNAL_SERVER_ERROR', 'Internal server error.')] });
  };
}
