import { CombinedGraphQLErrors, ServerError } from "@apollo/client";

/**
 * Whether an Apollo error means "sign in again": the gateway refused the
 * credentials or the token (UNAUTHENTICATED), or refused an unusable token
 * before running anything (HTTP 401). Anything else (the network, a restart)
 * is worth retrying with the same token.
 */
export function isUnauthenticated(error: unknown): boolean {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.some((graphQLError) => graphQLError.extensions?.code === "UNAUTHENTICATED");
  }
  return ServerError.is(error) && error.statusCode === 401;
}
