import {
  execute,
  getOperationAST,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { CompiledQuery } from "graphql-jit";
import type { CompiledOperations } from "./compiled-operations";
import type { ExecutionObserver, ExecutionStart } from "./execution-observer";
import { graphqlJsResult } from "./graphql-js-result";

/** One operation to execute, once the transport has checked it (trusted, parsed, validated, within its limits). */
export interface OperationRequest {
  readonly document: DocumentNode;
  /**
   * The SHA-256 (hex) of the document's text: Apollo's `queryHash`, and the
   * websocket preparer's. A trusted document is one whose text is a manifest's.
   */
  readonly documentKey: string;
  readonly operationName?: string | null;
  readonly variableValues?: { readonly [name: string]: unknown } | null;
  readonly contextValue: unknown;
  /** A subscription event's payload; undefined for queries and mutations. */
  readonly rootValue?: unknown;
  readonly transport: ExecutionStart["transport"];
}

/** Executes a checked operation, compiled when it may be, with graphql-js otherwise: the same answer either way. */
export type ExecuteOperation = (request: OperationRequest) => Promise<ExecutionResult>;

/**
 * The one executor both transports use (Apollo through its gateway interface,
 * graphql-ws through its `execute` and each subscription event). A document
 * whose text is a trusted one (the manifests') runs as graphql-jit compiled
 * it, once per document and operation; any other document, one graphql-jit
 * cannot compile, and every request whose variables graphql-jit refuses run
 * with graphql-js, exactly as before. Untrusted documents are never compiled:
 * compiling costs far more than executing once, and a client could otherwise
 * fill memory with compiled functions.
 */
export function createOperationExecutor(options: {
  schema: GraphQLSchema;
  /** null: COMPILED_EXECUTION=off, graphql-js runs everything. */
  compiled: CompiledOperations | null;
  isTrusted: (documentKey: string) => boolean;
  observer?: ExecutionObserver;
}): ExecuteOperation {
  const { schema, compiled, isTrusted, observer } = options;

  const interpret = (request: OperationRequest): Promise<ExecutionResult> | ExecutionResult =>
    execute({
      schema,
      document: request.document,
      rootValue: request.rootValue,
      contextValue: request.contextValue,
      variableValues: request.variableValues,
      operationName: request.operationName,
    });

  const runCompiled = async (
    compiledOperation: CompiledQuery,
    request: OperationRequest,
    operation: OperationDefinitionNode,
  ): Promise<ExecutionResult> => {
    const result = await compiledOperation.query(request.rootValue, request.contextValue, request.variableValues);
    // No data at all: graphql-jit refused the variables before running anything. graphql-js words
    // those refusals (Apollo recognises its messages as BAD_USER_INPUT), so it answers them.
    if (!("data" in result)) return interpret(request);
    return graphqlJsResult(result, { schema, document: request.document, operation });
  };

  return async (request) => {
    // Apollo and the websocket preparer have resolved it already; looking it up again is a short loop.
    // None: graphql-js answers with its error, as Apollo expects.
    const operation = getOperationAST(request.document, request.operationName);
    if (!operation) return interpret(request);
    const compiledOperation =
      compiled && isTrusted(request.documentKey)
        ? compiled.compiled(request.documentKey, request.document, operation)
        : null;
    const end = observer?.executionDidStart({
      transport: request.transport,
      path: compiledOperation ? "compiled" : "interpreted",
      operation,
      contextValue: request.contextValue,
    });
    const result = compiledOperation
      ? await runCompiled(compiledOperation, request, operation)
      : await interpret(request);
    end?.(result);
    return result;
  };
}
