import { parse, type OperationDefinitionNode, type OperationTypeNode } from "graphql";

/** The operation a request runs: its name as the server needs it, and its kind. */
export interface SelectedOperation {
  readonly operationName: string | undefined;
  readonly kind: OperationTypeNode | undefined;
}

/**
 * Reads the operation from the query text itself rather than from GraphiQL's
 * editor state, which is updated 100 ms after typing stops: a quick
 * Ctrl-Enter would otherwise send a subscription over HTTP. It also drops an
 * operation name the document does not have (GraphiQL 4 keeps the previous
 * tab's name for an anonymous operation in a new tab, which the server refuses).
 * A document that does not parse goes over HTTP as it is, for the server to explain.
 */
export function selectOperation(query: string, operationName: string | null | undefined): SelectedOperation {
  let operations: OperationDefinitionNode[];
  try {
    operations = parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === "OperationDefinition",
    );
  } catch {
    return { operationName: operationName ?? undefined, kind: undefined };
  }
  const named = operations.find((operation) => operation.name?.value === operationName);
  if (named) return { operationName: named.name?.value, kind: named.operation };
  if (operations.length === 1) return { operationName: operations[0]!.name?.value, kind: operations[0]!.operation };
  return { operationName: operationName ?? undefined, kind: undefined };
}
