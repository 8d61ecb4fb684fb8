import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';

/** What the gateway puts in each request's context for its data sources. */
export interface GatewayContext {
  /** The client's `Authorization` header, forwarded to the registry (its mutations are admin-only). */
  readonly authorization?: string | undefined;
}

/**
 * A plain subgraph data source that forwards the client's `Authorization` header. Used for the registry:
 * until the security issue brings signed principal assertions, the registry checks the admin bearer token
 * itself. Never used for agency subgraphs, which must not see client credentials.
 */
export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const authorization = 'authorization' in context ? context.authorization : undefined;
    if (authorization) request.http?.headers.set('authorization', authorization);
  }
}
