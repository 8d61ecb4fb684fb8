import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { GraphQLSchema } from 'graphql';
import type { LmsAdapter } from '../../adapters/core/adapter.js';
import { createFormatError } from '../../schema/formatError.js';
import type { Agency } from '../../schema/model/agency.js';
import { type AgencyContext, createAgencyContext } from './context.js';
import { buildAgencySubgraphSchema } from './schema.js';

export interface AgencySubgraphOptions {
  readonly agency: Agency;
  readonly adapter: LmsAdapter;
  /** @default 0 (the OS picks) */
  readonly port?: number;
  /** @default 127.0.0.1 */
  readonly host?: string;
}

export interface RunningAgencySubgraph extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;
/** The schema is the same for every agency; build it once per process. */
const sharedSchema = () => {
  schemaPromise ??= buildAgencySubgraphSchema();
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
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
}

/** Runs one agency subgraph on loopback (or `host`); the adapter is disposed when it stops. */
export async function startAgencySubgraph(options: AgencySubgraphOptions): Promise<RunningAgencySubgraph> {
  const server = await createAgencyServer();
  const { url } = await startStandaloneServer(server, {
    listen: { port: options.port ?? 0, host: options.host ?? '127.0.0.1' },
    context: async () => createAgencyContext(options.agency, options.adapter),
  });
  const stop = async () => {
    await server.stop();
    await options.adapter.dispose();
  };
  return { url, stop, [Symbol.asyncDispose]: stop };
}
