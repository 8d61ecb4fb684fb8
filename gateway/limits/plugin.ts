import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
  validate,
} from 'graphql';
import type { LimitErrorCode } from '../../schema/errorCodes.js';
import { formattedError } from '../../schema/errors.js';
import type { LimitsConfig } from './config.js';
import { queryCost } from './cost.js';

/** A refusal by one of the limits: HTTP 400, its own code, before any agency is asked. */
export const limitError = (code: LimitErrorCode, message: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extensions, code, http: { status: 400 } } });

// graphql-js 16 says "more that".
const TOKEN_ERROR = /Document contains more (?:than|that) (\d+) tokens/;

/**
 * The token limit is graphql-js's own (Apollo Server's `parseOptions.maxTokens`: parsing stops at the
 * limit); its syntax error becomes TOO_MANY_TOKENS here, in the gateway's `formatError`.
 */
export function tokenLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError | null {
  if (formatted.extensions?.code !== 'GRAPHQL_PARSE_FAILED') return null;
  const match = TOKEN_ERROR.exec(formatted.message);
  if (!match) return null;
  return formattedError('TOO_MANY_TOKENS', `The query has more than ${match[1]} tokens.`, {
    extensions: { maxTokens: Number(match[1]) },
  });
}

/**
 * The static limits (graphql-armor's rules): depth, aliases, directives. A document's verdict depends on
 * the document only, and Apollo Server keeps one parsed document per query text, so it is kept per
 * document object.
 */
function staticChecks(limits: LimitsConfig): (schema: GraphQLSchema, document: DocumentNode) => GraphQLError | null {
  const rules: readonly [LimitErrorCode, ValidationRule][] = [
    ['QUERY_TOO_DEEP', maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true })],
    ['TOO_MANY_ALIASES', maxAliasesRule({ n: limits.maxAliases })],
    ['TOO_MANY_DIRECTIVES', maxDirectivesRule({ n: limits.maxDirectives })],
  ];
  const verdicts = new WeakMap<DocumentNode, GraphQLError | null>();
  return (schema, document) => {
    const known = verdicts.get(document);
    if (known !== undefined) return known;
    let verdict: GraphQLError | null = null;
    for (const [code, rule] of rules) {
      let error: GraphQLError | undefined;
      try {
        [error] = validate(schema, document, [rule]);
      } catch (thrown) {
        // graphql-armor's rules throw their refusal rather than report it.
        if (!(thrown instanceof GraphQLError)) throw thrown;
        error = thrown;
      }
      if (error) {
        verdict = limitError(code, error.message.replace(/^Syntax Error: /, ''));
        break;
      }
    }
    verdicts.set(document, verdict);
    return verdict;
  };
}

/**
 * Refuses, before execution (so before any agency is called), a query past any limit, each with its code.
 */
export function limitsPlugin<TContext extends BaseContext>(
  limits: LimitsConfig,
  activeAgencies: () => number,
): ApolloServerPlugin<TContext> {
  const check = staticChecks(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, operationName, request }) {
          // Without this, the gateway's executor fails later with a 500.
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? `Unknown operation named "${request.operationName}".`
                : 'The document holds several operations: name the one to run in `operationName`.',
              { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } },
            );
          }
          const refused = check(schema, document);
          if (refused) throw refused;
          const cost = queryCost(schema, document, operationName ?? undefined, request.variables ?? {}, activeAgencies);
          if (cost > limits.maxCost) {
            throw limitError(
              'QUERY_TOO_COMPLEX',
              `The query's estimated cost ${cost} is over the limit of ${limits.maxCost}: ask for smaller pages, fewer agencies or fewer fields.`,
              { cost, maxCost: limits.maxCost },
            );
          }
        },
      };
    },
  };
}
