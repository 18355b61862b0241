import { unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { isDatabaseUnavailable } from "./db/unavailable";
import type { ErrorCode } from "./errors";
import { withoutSuggestions } from "./limits/hide-suggestions";
import type { Logger } from "./logger";

export const MASKED_MESSAGE = "Internal server error";
export const UNAVAILABLE_MESSAGE = "The service is temporarily unavailable; try again shortly";

export interface FormatErrorOptions {
  /**
   * Keep graphql-js's "Did you mean …?" hints (validation, and coercion of
   * variables: input field names, enum values). Only with introspection on:
   * otherwise they would reveal the schema it hides. Off unless asked.
   */
  readonly showSuggestions?: boolean;
}

/**
 * What a client may see of an error, over HTTP (Apollo's formatError) and
 * graphql-ws alike. GraphQLErrors raised on purpose (ours, graphql-js's
 * validation and coercion, Apollo's request errors) pass without their stack
 * (and without suggestions unless `showSuggestions`); anything else (a driver
 * error, a bug) is logged and replaced by a generic message, so SQL and
 * internals never leave the process.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
  options: FormatErrorOptions = {},
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const isDeliberate = original instanceof GraphQLError || !(original instanceof Error);
  if (isDeliberate && formatted.extensions?.code !== ("INTERNAL_SERVER_ERROR" satisfies ErrorCode)) {
    // `http` (a status for Apollo) reaches here only over graphql-ws, where it means nothing.
    const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
    const message = options.showSuggestions ? formatted.message : withoutSuggestions(formatted.message);
    return { ...formatted, message, extensions };
  }
  if (isDatabaseUnavailable(original)) {
    logger.warn({ err: original, path: formatted.path }, "database unavailable");
    return {
      message: UNAVAILABLE_MESSAGE,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "SERVICE_UNAVAILABLE" satisfies ErrorCode },
    };
  }
  logger.error({ err: original, path: formatted.path }, "unexpected error while executing an operation");
  return {
    message: MASKED_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: "INTERNAL_SERVER_ERROR" satisfies ErrorCode },
  };
}
