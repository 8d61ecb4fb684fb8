import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { PERSONAL_TYPES } from '../../schema/authorization.js';
import type { Principal } from '../../schema/principal.js';
import { applyDisclosure, applyRemovals, stripHidden } from './answer.js';
import type { AuthContext } from './context.js';
import type { GatewayAuth } from './index.js';
import { type FilteredOperation, filterOperation } from './operationFilter.js';
import { decide } from './rules.js';

const MAX_CACHED = 2_000;

/** One letter per rule: what this principal may do. Requests with the same letters filter the same way. */
function decisionsOf(auth: GatewayAuth, principal: Principal): string {
  let letters = '';
  for (const rule of auth.rules.byType.values()) letters += decide(rule, principal)[0];
  for (const rule of auth.rules.byField.values()) letters += decide(rule, principal)[0];
  return letters;
}

interface Filtered extends FilteredOperation {
  /** The query-plan cache key of the rewritten document. */
  readonly queryHash: string;
}

/**
 * Enforces the contract's `@authenticated`, `@requiresScopes` and `@policy` at the gateway (the stock
 * gateway ignores them): fields the caller may not see are removed before planning, so they are never
 * fetched, and come back as null with one UNAUTHENTICATED or FORBIDDEN error naming the path; the rest of
 * the answer is returned. It also withholds small counts from aggregates and writes the audit trail.
 */
export function authorizationPlugin(auth: GatewayAuth): ApolloServerPlugin<AuthContext> {
  const cache = new Map<string, Filtered>();
  const filtered = (rc: GraphQLRequestContextDidResolveOperation<AuthContext>): Filtered => {
    const principal = rc.contextValue.principal;
    const key = `${rc.queryHash}\n${rc.operationName ?? ''}\n${decisionsOf(auth, principal)}`;
    let result = cache.get(key);
    if (!result) {
      const operation = filterOperation(rc.document, rc.operationName, {
        schema: rc.schema,
        rules: auth.rules,
        principal,
        personalTypes: PERSONAL_TYPES,
        statsType: 'LearningStats',
        agencyType: 'Agency',
      });
      const queryHash = operation.changed ? createHash('sha256').update(key).digest('hex') : rc.queryHash;
      result = { ...operation, queryHash };
      if (cache.size >= MAX_CACHED) cache.clear();
      cache.set(key, result);
    }
    return result;
  };

  return {
    async requestDidStart() {
      let operation: Filtered | undefined;
      return {
        async didResolveOperation(rc) {
          operation = filtered(rc);
          if (operation.changed) {
            // The gateway executor plans `document` and caches the plan under `queryHash`; both must
            // describe the filtered operation. Apollo Server types them readonly, but reads them after
            // this hook (requestPipeline.ts, `execute({...requestContext})`).
            const writable = rc as unknown as { document: DocumentNode; queryHash: string };
            writable.document = operation.document;
            writable.queryHash = operation.queryHash;
          }
        },
        async willSendResponse(rc) {
          const { principal, requestId, personalReads } = rc.contextValue;
          rc.response.http.headers.set('x-request-id', requestId);
          if (!operation || rc.response.body.kind !== 'single') return;
          const result = rc.response.body.singleResult;
          const data = (result.data ?? null) as Record<string, unknown> | null;
          const denied = applyRemovals(data, operation.removals);
          const suppressed = applyDisclosure(
            data,
            operation.statsSites,
            principal,
            (rc.request.variables ?? {}) as Record<string, unknown>,
            auth.config.disclosure.threshold,
          );
          if (operation.changed) stripHidden(data);
          if (denied.length > 0 || suppressed.length > 0) {
            rc.response.body = {
              kind: 'single',
              singleResult: {
                ...result,
                ...(denied.length > 0 ? { errors: [...denied, ...(result.errors ?? [])] } : {}),
                ...(suppressed.length > 0
                  ? {
                      extensions: {
                        ...result.extensions,
                        disclosure: { threshold: auth.config.disclosure.threshold, suppressed },
                      },
                    }
                  : {}),
              },
            };
          }
          if (personalReads.learners.size > 0) {
            auth.audit.record({
              requestId,
              principal,
              learners: [...personalReads.learners],
              agencies: [...personalReads.agencies],
              fields: operation.personalFields,
              operationName: rc.operationName ?? null,
            });
          }
        },
      };
    },
  };
}
