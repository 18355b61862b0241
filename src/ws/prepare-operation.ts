import {
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import type { ErrorCode } from "../errors";
import { assertCostWithin, operationCost } from "../limits/cost";
import { cachedPerDocument } from "../limits/cost-cache";
import { createDocumentLimitCheck } from "../limits/document-limits";
import type { OperationLimits } from "../limits/operation-limits";
import { variablesLimitError } from "../limits/variables-limit";
import { sha256Hex } from "../trusted-documents/document-hash";

/** Distinct documents kept parsed and validated (clients send the same few over and over). */
const DOCUMENT_CACHE_SIZE = 500;

/**
 * What graphql-ws executes: graphql-js's arguments, and the SHA-256 of the
 * document's text, by which the executor knows a trusted document (src/execution/).
 */
export type OperationArgs = Omit<ExecutionArgs, "contextValue"> & { readonly documentKey: string };

/** What graphql-ws executes, and the estimated cost the rate limits charge for it. */
export interface PreparedOperation {
  readonly args: OperationArgs;
  /** null: the variables don't coerce, and execution refuses the operation at once. */
  readonly estimatedCost: number | null;
}

export type PrepareOperation = (payload: SubscribePayload) => PreparedOperation | GraphQLError[];

/**
 * What Apollo does for an HTTP request, done for a websocket operation (which
 * never passes through Apollo): bound the variables, parse with the token
 * limit, check the document's shape before graphql-js's rules (as the HTTP
 * plugin does), validate with the same rules, and check the estimated cost. Errors are returned, not thrown,
 * so graphql-ws answers with an `error` message and executes nothing.
 *
 * Parsed and validated documents are cached by their text, as Apollo does:
 * 10,000 subscribers to one subscription share one syntax tree.
 */
export function createOperationPreparer(
  schema: GraphQLSchema,
  options: { limits: OperationLimits; rules: readonly ValidationRule[] },
): PrepareOperation {
  const documents = new Map<string, { document: DocumentNode; documentKey: string } | GraphQLError[]>();
  const checkDocument = createDocumentLimitCheck(schema, options.limits);
  const costOf = cachedPerDocument((document, variables, operationName) =>
    operationCost(schema, document, variables, operationName, options.limits.maxCostNodes),
  );

  const parseAndValidate = (query: string): { document: DocumentNode; documentKey: string } | GraphQLError[] => {
    const cached = documents.get(query);
    if (cached) return cached;
    let result: { document: DocumentNode; documentKey: string } | GraphQLError[];
    try {
      const document = parse(query, { maxTokens: options.limits.maxTokens });
      const overLimit = checkDocument(document);
      const errors = overLimit
        ? [overLimit]
        : validate(schema, document, [...specifiedRules, ...options.rules]).map((error) =>
            withCode(error, "GRAPHQL_VALIDATION_FAILED"),
          );
      result = errors.length > 0 ? errors : { document, documentKey: sha256Hex(query) };
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : "The operation could not be parsed";
      result = [withCode(new GraphQLError(message), "GRAPHQL_PARSE_FAILED")];
    }
    // Oldest out first: a Map keeps insertion order.
    if (documents.size >= DOCUMENT_CACHE_SIZE) documents.delete(documents.keys().next().value!);
    documents.set(query, result);
    return result;
  };

  return (payload) => {
    const variablesOverLimit = variablesLimitError(payload.variables, options.limits);
    if (variablesOverLimit) return [variablesOverLimit];
    const parsed = parseAndValidate(payload.query);
    if (Array.isArray(parsed)) return parsed;
    const { document, documentKey } = parsed;
    if (!getOperationAST(document, payload.operationName)) {
      return [
        withCode(
          new GraphQLError(operationResolutionMessage(document, payload.operationName)),
          "OPERATION_RESOLUTION_FAILURE",
        ),
      ];
    }
    const variableValues = payload.variables ?? undefined;
    let estimatedCost: number | null;
    try {
      estimatedCost = costOf(document, variableValues, payload.operationName);
      assertCostWithin(options.limits.maxCost, estimatedCost);
    } catch (error) {
      return [error as GraphQLError];
    }
    return {
      args: { schema, document, variableValues, operationName: payload.operationName, documentKey },
      estimatedCost,
    };
  };
}

/** graphql-js's words for a document without the operation to run, which Apollo sends over HTTP. */
function operationResolutionMessage(document: DocumentNode, operationName: string | null | undefined): string {
  if (operationName) return `Unknown operation named "${operationName}".`;
  return document.definitions.some((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    ? "Must provide operation name if query contains multiple operations."
    : "Must provide an operation.";
}

/** The codes Apollo gives the same failures over HTTP, so clients handle both transports alike. */
function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
}
