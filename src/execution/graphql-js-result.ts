import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from "graphql";

/*
 * graphql-jit's results, in the shape graphql-js gives, so that what Apollo and
 * graphql-ws make of them (masking, codes, status, the bytes sent) is the same
 * on both paths:
 *
 * - `errors` before `data`, as graphql-js's buildResponse orders them: Apollo
 *   spreads the result into the response body, so the key order is what is sent;
 * - each error a graphql-js GraphQLError. graphql-jit's errors inherit from it
 *   but may have no `extensions` at all (Apollo reads `extensions.code` and
 *   would fail), and its own errors (a null in a non-null field, a value its
 *   type cannot serialise) have no `originalError`, where graphql-js has one:
 *   a plain Error for the null, and for a failed serialisation the scalar's or
 *   enum's GraphQLError (graphql-jit keeps only its message). src/format-error.ts
 *   decides masking from that original, so it is put back.
 */

/** graphql-jit's result as graphql-js would have built it. */
export function graphqlJsResult(result: ExecutionResult): ExecutionResult {
  if (!result.errors || result.errors.length === 0) return { data: result.data };
  return { errors: result.errors.map(graphqlJsError), data: result.data };
}

/** graphql-js's message for a null in a non-null field: its original is a plain Error. */
const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field /;
/** graphql-js's message for a list field whose value is not iterable: a plain Error too. */
const NOT_ITERABLE = /^Expected Iterable, but did not find one for field /;

function graphqlJsError(error: GraphQLError): GraphQLError {
  const originalError = error.originalError ?? standInOriginal(error.message);
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError,
    // graphql-js copies the original's extensions when the error has none of its own.
    extensions: error.extensions ?? (originalError as { extensions?: GraphQLError["extensions"] }).extensions,
  });
  // graphql-jit computed the locations from the field nodes at compile time, as graphql-js does from the nodes.
  (converted as { locations: GraphQLFormattedError["locations"] }).locations = error.locations;
  return converted;
}

function standInOriginal(message: string): Error {
  return NON_NULL_VIOLATION.test(message) || NOT_ITERABLE.test(message)
    ? new Error(message)
    : new GraphQLError(message);
}
