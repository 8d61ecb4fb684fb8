import { setMaxListeners } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema, isObjectType } from 'graphql';
import { z } from 'zod';
import { LmsCallBudget, type RequestScope, runInScope } from '../../adapters/core/scope.js';
import { BUDGET_HEADER, CALLER_HEADER } from '../../schema/callHeaders.js';
import { CodedError } from '../../schema/errorCodes.js';
import { deadlineSignal } from '../../schema/timeout.js';

/** What one request may cost this agency (agency config `limits`, README "Resilience"). */
export const agencyLimitsSchema = z
  .object({
    /** Longest a request may run here, whatever budget the gateway sends. @default 10000 */
    maxRequestMs: z.number().int().min(100).max(600_000).default(10_000),
    /** Fields one request may resolve (aliases and nested lists multiply them). @default 50000 */
    maxFieldsPerRequest: z.number().int().min(100).default(50_000),
    /** Upstream calls one request may cause at the LMS. @default 500 */
    maxLmsCallsPerRequest: z.number().int().min(1).default(500),
  })
  .strict()
  .default({});

export type AgencyLimits = z.infer<typeof agencyLimitsSchema>;
export const DEFAULT_AGENCY_LIMITS: AgencyLimits = agencyLimitsSchema.parse(undefined);

/** The scope of one request plus what only the subgraph tracks: fields resolved so far. */
export interface AgencyRequestScope extends RequestScope {
  readonly limits: AgencyLimits;
  fields: number;
  /** Why the request was cut short, once it is. */
  readonly stop: (error: CodedError) => void;
}

const KEY = /^[\w:.-]{1,80}$/;

/**
 * The scope of one HTTP request: it ends (every LMS call of it aborted, queued ones dropped) when the
 * gateway's budget (`x-convergence-budget-ms`) or this agency's `maxRequestMs` is spent, or when the client
 * goes away before the answer is sent.
 */
export function scopeForRequest(req: IncomingMessage, res: ServerResponse, limits: AgencyLimits): AgencyRequestScope {
  const asked = Number(req.headers[BUDGET_HEADER]);
  // Stop a little before the gateway stops waiting, so that it gets this agency's coded errors, not a timeout.
  const margin = (ms: number) => ms - Math.min(250, Math.floor(ms / 10));
  const budgetMs =
    Number.isFinite(asked) && asked > 0 ? Math.min(margin(asked), limits.maxRequestMs) : limits.maxRequestMs;
  const controller = new AbortController();
  const timer = deadlineSignal(budgetMs, controller.signal);
  // Every LMS call of the request listens to it while it runs (bounded by the call budget): not a leak.
  setMaxListeners(0, timer.signal);
  const stop = (error: CodedError) => controller.abort(error);
  // `close` before the answer is finished: the client (the gateway, after its timeout) is gone.
  const onClose = () => {
    if (!res.writableFinished) stop(new CodedError('QUERY_TOO_LARGE', 'The client went away.'));
    timer.dispose();
  };
  res.once('close', onClose);
  const header = req.headers[CALLER_HEADER];
  const caller = typeof header === 'string' && KEY.test(header) ? header : `addr:${req.socket.remoteAddress ?? '?'}`;
  return {
    signal: timer.signal,
    deadline: Date.now() + budgetMs,
    caller,
    budget: new LmsCallBudget(limits.maxLmsCallsPerRequest),
    limits,
    fields: 0,
    stop,
  };
}

const tooLarge = (scope: AgencyRequestScope): CodedError => {
  const reason = scope.signal.reason;
  if (reason instanceof CodedError) return reason;
  return new CodedError(
    'QUERY_TOO_LARGE',
    `The request ran out of its time at this agency (at most ${scope.limits.maxRequestMs} ms); ask for less.`,
  );
};

/**
 * Wraps every field resolver of the schema (in place, once per process): a field of a request whose scope
 * has ended fails at once instead of starting more work, the request's resolved fields are counted against
 * `maxFieldsPerRequest`, and resolvers run inside the scope so that every LMS call they cause sees it.
 */
export function scopeResolvers(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
      const own = field.resolve !== undefined;
      field.resolve = (source, args, context, info) => {
        const scope = (context as { scope?: AgencyRequestScope } | undefined)?.scope;
        if (!scope) return resolve(source, args, context, info);
        if (scope.signal.aborted) throw tooLarge(scope);
        scope.fields++;
        if (scope.fields > scope.limits.maxFieldsPerRequest) {
          scope.stop(
            new CodedError(
              'QUERY_TOO_LARGE',
              `The request asks for more than ${scope.limits.maxFieldsPerRequest} fields at this agency; ask for less.`,
            ),
          );
          throw tooLarge(scope);
        }
        return own
          ? runInScope(scope, () => resolve(source, args, context, info))
          : resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
