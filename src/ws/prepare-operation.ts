import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import { assertCostWithin } from "../limits/cost";
import { hideSuggestions } from "../limits/hide-suggestions";
import type { OperationLimits } from "../limits/operation-limits";

/**
 * What Apollo does for an HTTP request, done for a websocket operation (which
 * never passes through Apollo): parse with the token limit, validate with the
 * same rules, and check the estimated cost. Errors are returned, not thrown,
 * so graphql-ws answers with an `error` message and executes nothing.
 */
export function prepareOperation(
  schema: GraphQLSchema,
  payload: SubscribePayload,
  options: { limits: OperationLimits; rules: readonly ValidationRule[]; introspection: boolean },
): Omit<ExecutionArgs, "contextValue"> | GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: options.limits.maxTokens });
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : "The operation could not be parsed";
    return [withCode(new GraphQLError(message), "GRAPHQL_PARSE_FAILED")];
  }
  const errors = validate(schema, document, [...specifiedRules, ...options.rules]).map((error) =>
    withCode(options.introspection ? error : hideSuggestions(error), "GRAPHQL_VALIDATION_FAILED"),
  );
  if (errors.length > 0) return errors;
  if (!getOperationAST(document, payload.operationName)) {
    return [new GraphQLError("The document must hold the operation to run (name it with operationName)")];
  }
  const variableValues = payload.variables ?? undefined;
  try {
    assertCostWithin(options.limits.maxCost, schema, document, variableValues, payload.operationName);
  } catch (error) {
    return [error as GraphQLError];
  }
  return { schema, document, variableValues, operationName: payload.operationName };
}

/** The codes Apollo gives the same failures over HTTP, so clients handle both transports alike. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}
