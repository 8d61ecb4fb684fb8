import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { type DocumentNode, type FieldNode, Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { CALLER_HEADER, callerKey } from '../../schema/callHeaders.js';
import { formattedError } from '../../schema/errors.js';
import { PERSONAL_READS_EXTENSION, PRINCIPAL_ASSERTION_HEADER } from '../../schema/principal.js';
import type { AuthContext } from '../auth/context.js';
import type { CallScope } from './agencyClient.js';
import { processEntities } from './entities.js';
import { dedupeErrors } from './fanout.js';
import { rewriteNestedAllowLists } from './nestedAllowList.js';
import { processRootFields, type RootFieldsOptions } from './rootFields.js';
import { fragmentsOf } from './selections.js';

export type ShardingOptions = RootFieldsOptions;

const MAX_CACHED_DOCUMENTS = 1000;

/**
 * The `learning` subgraph's data source (DESIGN.md §2.2): one logical subgraph served by every agency.
 * Entity fetches go to each representation's owner; root fields fan out and merge by their declared
 * strategy. One agency failing never fails the whole fetch.
 */
export class ShardingDataSource implements GraphQLDataSource {
  readonly #documents = new Map<string, DocumentNode>();
  readonly #operations = new Map<string, string>();

  constructor(private readonly options: ShardingOptions) {}

  #parse(query: string): DocumentNode {
    let document = this.#documents.get(query);
    if (!document) {
      document = parse(query);
      if (this.#documents.size >= MAX_CACHED_DOCUMENTS) this.#documents.clear();
      this.#documents.set(query, document);
    }
    return document;
  }

  async process(request: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const { query: asked, variables = {} } = request.request;
    if (!asked) return { errors: [formattedError('BAD_REQUEST', 'Empty subgraph request.')] };
    let query = asked;
    let document = this.#parse(asked);
    // `filter.curation` below the root (Agency.courses): each agency gets its own curated ids.
    const nested = rewriteNestedAllowLists(this.options.directory, document, variables);
    if (nested && 'message' in nested) return { data: null, errors: [nested] };
    if (nested) {
      document = nested.document;
      query = print(document);
    }
    const agencyVariables = nested?.variablesFor;
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    if (!operation) return { errors: [formattedError('BAD_REQUEST', 'No operation in subgraph request.')] };
    const fragments = fragmentsOf(document);
    const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
    const deadline = AbortSignal.timeout(this.options.deadlineMs);
    const scope = callScope(request);
    if (fields.some((f) => f.name.value === '_entities')) {
      return processEntities(
        this.options,
        { query, variables, operationName: request.request.operationName },
        deadline,
        scope,
        agencyVariables,
      );
    }
    const { data, errors } = await processRootFields(this.options, {
      query,
      operations: this.#operations,
      operation,
      fragments,
      fields,
      variables,
      deadline,
      scope,
      agencyVariables,
    });
    return errors.length > 0 ? { data, errors: dedupeErrors(errors) } : { data };
  }
}

/**
 * What agencies receive with each call: the gateway's signed assertion of the principal and the request id
 * (client credentials are never forwarded), and a hook that collects whose records they returned.
 */
function callScope(request: GraphQLDataSourceProcessOptions): CallScope {
  const context = request.context as Partial<AuthContext>;
  const headers: Record<string, string> = {};
  if (context.assertion) headers[PRINCIPAL_ASSERTION_HEADER] = context.assertion;
  if (context.requestId) headers['x-request-id'] = context.requestId;
  headers[CALLER_HEADER] = callerKey(context.principal);
  const reads = context.personalReads;
  return {
    headers,
    onAnswer: reads
      ? (agency, answer) => {
          const learners = answer.extensions?.[PERSONAL_READS_EXTENSION];
          if (Array.isArray(learners)) reads.add(agency, learners);
        }
      : undefined,
  };
}
