import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { type FragmentDefinitionNode, GraphQLError, type GraphQLSchema, Kind } from 'graphql';
import type { Logger } from 'pino';
import type { LmsAdapter } from '../../adapters/core/adapter.js';
import { createFormatError } from '../../schema/formatError.js';
import type { Agency } from '../../schema/model/agency.js';
import { PERSONAL_READS_EXTENSION, PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import { type ServingSettings, serveApollo } from '../../schema/serving/index.js';
import { assertionOf } from '../assertion/context.js';
import { AssertionVerifier, type GatewayTrust } from '../assertion/verifier.js';
import { CatalogueCache, DEFAULT_CATALOGUE_CACHE_MS } from './catalogueCache.js';
import { type AgencyContext, createAgencyContext } from './context.js';
import { estimateFields } from './queryCost.js';
import { type AgencyLimits, DEFAULT_AGENCY_LIMITS, scopeForRequest, scopeResolvers } from './requestScope.js';
import { buildAgencySubgraphSchema } from './schema.js';

export interface AgencySubgraphOptions {
  readonly agency: Agency;
  readonly adapter: LmsAdapter;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
  /** The gateway whose assertions this subgraph trusts; without it, no personal data is served. */
  readonly gateway?: GatewayTrust | undefined;
  /** Body limit, slow-client timeouts, drain timeout on stop. */
  readonly serving?: ServingSettings | undefined;
  /** One access-log line per request when given. */
  readonly logger?: Logger | undefined;
  /** What one request may cost (time, fields, LMS calls). @default DEFAULT_AGENCY_LIMITS */
  readonly limits?: AgencyLimits | undefined;
  /** How long a sorted catalogue list is reused across requests (catalogueCache.ts); 0: never. @default 1000 */
  readonly catalogueCacheMs?: number | undefined;
}

export interface RunningAgencySubgraph extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;
/** The schema is the same for every agency; build it once per process. */
const sharedSchema = () => {
  schemaPromise ??= buildAgencySubgraphSchema().then(scopeResolvers);
  return schemaPromise;
};

/**
 * The agency subgraph's Apollo Server, for embedding (adapter SDK) or for `startAgencySubgraph`; give each
 * request `createAgencyContext(agency, adapter)` as its context.
 */
export async function createAgencyServer(): Promise<ApolloServer<AgencyContext>> {
  return new ApolloServer<AgencyContext>({
    schema: await sharedSchema(),
    formatError: createFormatError(),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      personalReadsPlugin,
      sameErrorsOncePlugin,
      sizeLimitPlugin,
    ],
  });
}

/** Tells the gateway (and only the gateway) whose records this answer holds, for its audit trail. */
const personalReadsPlugin: ApolloServerPlugin<AgencyContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (!contextValue.access.viaGateway || contextValue.personalReads.size === 0) return;
        if (response.body.kind !== 'single') return;
        const result = response.body.singleResult;
        response.body.singleResult = {
          ...result,
          extensions: { ...result.extensions, [PERSONAL_READS_EXTENSION]: [...contextValue.personalReads] },
        };
      },
    };
  },
};

/**
 * Refuses, before any work, an operation that could resolve more fields than `maxFieldsPerRequest`
 * (queryCost.ts): what aliases and nesting multiply is never started, so it cannot keep the agency busy.
 */
const sizeLimitPlugin: ApolloServerPlugin<AgencyContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ contextValue, document, operation, request }) {
        const limit = contextValue.scope?.limits.maxFieldsPerRequest;
        if (limit === undefined) return;
        const fragments = new Map(
          document.definitions
            .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
            .map((d) => [d.name.value, d]),
        );
        if (!operation || estimateFields(operation, fragments, request.variables ?? {}, limit) <= limit) return;
        throw new GraphQLError(
          `This request could resolve more than ${limit} fields at this agency (aliases and nested pages multiply them); ask for less.`,
          { extensions: { code: 'QUERY_TOO_LARGE', http: { status: 400 } } },
        );
      },
    };
  },
};

/** Past this many errors in one answer, repeated ones are told once each. */
const MAX_ERRORS = 50;

/**
 * A request stopped for its size fails every remaining field with the same error, and its answer must not
 * grow with the attack: past MAX_ERRORS errors, one error per message and code with how often it occurred.
 */
const sameErrorsOncePlugin: ApolloServerPlugin<AgencyContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const errors = response.body.singleResult.errors;
        if (!errors || errors.length <= MAX_ERRORS) return;
        const seen = new Map<string, { error: (typeof errors)[number]; count: number }>();
        for (const error of errors) {
          const key = `${String(error.extensions?.code)}\u0000${error.message}`;
          const known = seen.get(key);
          if (known) known.count++;
          else if (seen.size < MAX_ERRORS) seen.set(key, { error, count: 1 });
        }
        const once = [...seen.values()].map(({ error, count }) =>
          count > 1 ? { ...error, extensions: { ...error.extensions, occurrences: count } } : error,
        );
        response.body.singleResult = { ...response.body.singleResult, errors: once };
      },
    };
  },
};

/** Runs one agency subgraph on loopback (or `host`); the adapter is disposed when it stops. */
export async function startAgencySubgraph(options: AgencySubgraphOptions): Promise<RunningAgencySubgraph> {
  const server = await createAgencyServer();
  const verifier = options.gateway ? new AssertionVerifier(options.gateway) : undefined;
  const catalogue = new CatalogueCache(options.catalogueCacheMs ?? DEFAULT_CATALOGUE_CACHE_MS);
  const serving = await serveApollo({
    server,
    port: options.port,
    host: options.host,
    logger: options.logger,
    ...options.serving,
    context: async (req, res) => {
      const scope = scopeForRequest(req, res, options.limits ?? DEFAULT_AGENCY_LIMITS);
      const outcome = await assertionOf(verifier, req.headers[PRINCIPAL_ASSERTION_HEADER]);
      const access = outcome.kind === 'valid' ? { principal: outcome.principal, viaGateway: true } : undefined;
      return createAgencyContext(options.agency, options.adapter, access, scope, catalogue);
    },
  });
  const stop = async () => {
    await serving.stop();
    await options.adapter.dispose();
  };
  return { url: serving.url, stop, [Symbol.asyncDispose]: stop };
}
