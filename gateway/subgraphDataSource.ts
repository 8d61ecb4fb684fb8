import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { PRINCIPAL_ASSERTION_HEADER } from '../schema/principal.js';
import type { AuthContext } from './auth/context.js';

/**
 * A plain (non-sharded) subgraph such as the registry: it gets the gateway's signed assertion of the
 * principal and the request id, never the client's own credentials.
 */
export class AssertingDataSource extends RemoteGraphQLDataSource<AuthContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<AuthContext>): void {
    const scope = context as Partial<AuthContext>;
    if (scope.assertion) request.http?.headers.set(PRINCIPAL_ASSERTION_HEADER, scope.assertion);
    if (scope.requestId) request.http?.headers.set('x-request-id', scope.requestId);
  }
}
