import { type FieldNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { type Fragments, fragmentsOf } from '../../gateway/sharding/selections.js';

/** A subgraph operation as the sharding data source sees it: the operation, its root fields, its fragments. */
export function operationOf(query: string): {
  operation: OperationDefinitionNode;
  fields: FieldNode[];
  fragments: Fragments;
} {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation in the query');
  const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
  return { operation, fields, fragments: fragmentsOf(document) };
}
