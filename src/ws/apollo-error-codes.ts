import type { GraphQLFormattedError } from "graphql";
import type { ErrorCode } from "../errors";

/**
 * The code Apollo gives an error of a result that carries none, for
 * graphql-ws's results, which never pass through Apollo. graphql-js's own
 * errors have no code: during execution they are the server's fault (a
 * non-null field resolved to null, a stored value an enum or scalar cannot
 * represent, its message quoting that value), and Apollo codes them
 * INTERNAL_SERVER_ERROR, which formatError then masks and logs; in a result
 * without `data` execution never began: the variables did not coerce, the
 * client's mistake, BAD_USER_INPUT. Without this a websocket client would read
 * what an HTTP client is never shown.
 */
export function withApolloErrorCode(formatted: GraphQLFormattedError, executed: boolean): GraphQLFormattedError {
  if (typeof formatted.extensions?.code === "string") return formatted;
  const code: ErrorCode = executed ? "INTERNAL_SERVER_ERROR" : "BAD_USER_INPUT";
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}
