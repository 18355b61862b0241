import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from "graphql";
import { firstErrorPerNulledPosition, type AnsweredOperation } from "./null-propagation";

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
 *   type cannot serialise) have no `originalError`, where graphql-js has one.
 *   src/format-error.ts decides masking from that original, so it is put back
 *   as graphql-js would have it: a plain Error (always masked) for a null in a
 *   non-null field and for a serializer that returned nothing; a GraphQLError
 *   for a list value that is not a list (in graphql-js's words) and for the
 *   scalar's or enum's own serialisation error (graphql-jit keeps its message).
 *   Over HTTP Apollo masks all of these alike; over graphql-ws a GraphQLError
 *   without a code is shown as it is, on both paths;
 * - one error per position that non-null failures nulled (src/execution/null-propagation.ts).
 */

/** graphql-jit's result for `answered` as graphql-js would have built it. */
export function graphqlJsResult(result: ExecutionResult, answered: AnsweredOperation): ExecutionResult {
  if (!result.errors || result.errors.length === 0) return { data: result.data };
  return { errors: firstErrorPerNulledPosition(result.errors, answered).map(graphqlJsError), data: result.data };
}

/** A null in a non-null field: graphql-js's words, and a plain Error. */
const NON_NULL_VIOLATION = /^Cannot return null for non-nullable field /;
/** A serializer that returned undefined or NaN: graphql-js words it otherwise, as a plain Error. */
const NOTHING_SERIALISED = /^Expected a value of type ".+" but received: /;
/** A list field whose value is not iterable: graphql-js quotes the field, in a GraphQLError. */
const NOT_ITERABLE = /^Expected Iterable, but did not find one for field (\w+\.\w+)\.$/;

function graphqlJsError(error: GraphQLError): GraphQLError {
  const message = error.originalError
    ? error.message
    : error.message.replace(NOT_ITERABLE, 'Expected Iterable, but did not find one for field "$1".');
  const originalError = error.originalError ?? standInOriginal(message);
  const converted = new GraphQLError(message, {
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
  return NON_NULL_VIOLATION.test(message) || NOTHING_SERIALISED.test(message)
    ? new Error(message)
    : new GraphQLError(message);
}
