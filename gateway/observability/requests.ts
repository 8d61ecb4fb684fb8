import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { getOperationAST } from 'graphql';
import { accessNotes } from '../../schema/serving/index.js';
import { type GatewayMetrics, OperationLabels } from './metrics.js';

/**
 * Counts and times every GraphQL request by operation and outcome, and notes both on the access-log
 * line. The outcome of an executed request (ok, or error when the answer holds errors) comes from Apollo
 * Server; refusals before execution (401, 413, 429, limits) are known from the status alone.
 */
export function requestObserver<TContext extends BaseContext>(metrics: GatewayMetrics) {
  const labels = new OperationLabels();
  const executed = new Map<string, { operation: string | null; errors: boolean }>();
  const plugin: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        // As soon as the document is parsed: a request refused later (validation, a limit) is still named.
        async validationDidStart({ request, document }) {
          const id = request.http?.headers.get('x-request-id');
          const operation = getOperationAST(document, request.operationName)?.name?.value ?? null;
          if (id) executed.set(id, { operation, errors: true });
        },
        async willSendResponse({ request, response, operationName }) {
          const id = request.http?.headers.get('x-request-id');
          if (!id) return;
          const errors = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          executed.set(id, { operation: operationName ?? request.operationName ?? null, errors });
        },
      };
    },
  };
  const middleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    // Before the access log's own listener, so its line carries the operation and outcome.
    res.prependOnceListener('finish', () => {
      const id = String(req.headers['x-request-id']);
      const seen = executed.get(id);
      executed.delete(id);
      const asked = (req.body as { operationName?: unknown } | undefined)?.operationName;
      const operation = labels.label(seen?.operation ?? (typeof asked === 'string' ? asked : null));
      const status = res.statusCode;
      const outcome =
        status === 429
          ? 'rate_limited'
          : status >= 500
            ? 'failed'
            : status >= 400
              ? 'refused'
              : seen?.errors
                ? 'error'
                : 'ok';
      metrics.requests.inc({ operation, outcome });
      metrics.requestSeconds.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
      Object.assign(accessNotes(res), { operation, outcome });
    });
    next();
  };
  return { plugin, middleware };
}
