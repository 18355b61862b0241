import type { DocumentNode, ExecutionResult, GraphQLSchema, OperationDefinitionNode } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery, type CompilerOptions } from "graphql-jit";
import type { Logger } from "../logger";
import { whyNotFaithfullyCompilable } from "./faithfully-compilable";

/**
 * graphql-jit's options, each chosen so that a compiled operation answers
 * exactly what graphql-js would (the differential tests in test/execution/ hold
 * them to that):
 *
 * - leaf serialisation stays on: every Int, enum and DateTime goes through its
 *   type's own `serialize`, as in graphql-js (range checks, enum names, ISO text);
 * - no custom JSON serializer: Apollo and graphql-ws serialise results with
 *   JSON.stringify, and only the result object is used here;
 * - no compiled @skip and @include: documents that use them are not compiled
 *   (src/execution/faithfully-compilable.ts), so neither of graphql-jit's rules
 *   for them (`useExperimentalPathBasedSkipInclude`) matters;
 * - no stack traces on graphql-jit's own errors: each is turned into a
 *   graphql-js error (src/execution/graphql-js-result.ts), which captures its own.
 */
export const JIT_OPTIONS: Partial<CompilerOptions> = {
  disableLeafSerialization: false,
  customJSONSerializer: false,
  disablingCapturingStackErrors: true,
};

/** graphql-jit's compiler, or a stand-in (tests make one fail). */
export type CompileOperation = (
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
) => CompiledQuery | ExecutionResult;

const compileWithJit: CompileOperation = (schema, document, operationName) =>
  compileQuery(schema, document, operationName, JIT_OPTIONS);

/** Compiled operations, each compiled once, for the documents the executor decided to compile. */
export interface CompiledOperations {
  /**
   * The compiled operation of `document` named `operation`, compiled on first
   * use; null when graphql-jit could not compile it, or would not answer it as
   * graphql-js does (then graphql-js runs it, and that was logged once).
   * `documentKey` names the document's text (its SHA-256): one compiled
   * function per text and operation.
   */
  compiled(documentKey: string, document: DocumentNode, operation: OperationDefinitionNode): CompiledQuery | null;
  /** How many operations have been compiled so far (the tests' proof that compiled execution runs). */
  readonly size: number;
}

/**
 * The compile cache. Only trusted documents reach it (src/execution/operation-executor.ts),
 * so it holds at most one entry per operation of the manifests: nothing a client
 * sends can make it grow, and nothing is ever evicted and compiled again.
 */
export function createCompiledOperations(options: {
  schema: GraphQLSchema;
  logger: Logger;
  compile?: CompileOperation;
}): CompiledOperations {
  const { schema, logger, compile = compileWithJit } = options;
  const operations = new Map<string, CompiledQuery | null>();

  return {
    compiled(documentKey, document, operation) {
      const operationName = operation.name?.value;
      const key = `${documentKey}\n${operationName ?? ""}`;
      const known = operations.get(key);
      if (known !== undefined) return known;
      let compiled: CompiledQuery | null = null;
      let failure: unknown = whyNotFaithfullyCompilable(document);
      if (failure === null) {
        try {
          const result = compile(schema, document, operationName);
          if (isCompiledQuery(result)) compiled = result;
          else failure = result.errors?.map((error) => error.message).join("; ");
        } catch (error) {
          failure = error;
        }
      }
      if (!compiled) {
        // Remembered as null: logged once, and never compiled again.
        logger.warn(
          { document: documentKey, operationName: operationName ?? null, err: failure },
          "graphql-jit cannot compile this operation; graphql-js runs it",
        );
      }
      operations.set(key, compiled);
      return compiled;
    },
    get size() {
      let size = 0;
      for (const compiled of operations.values()) if (compiled) size += 1;
      return size;
    },
  };
}
