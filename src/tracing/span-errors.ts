import { SpanStatusCode, type Span } from "@opentelemetry/api";
import { ATTR_ERROR_TYPE, ATTR_EXCEPTION_TYPE } from "@opentelemetry/semantic-conventions";
import type { GraphQLError, GraphQLFormattedError } from "graphql";
import { ATTR_GRAPHQL_ERROR_CODE } from "./attributes";

/*
 * What a span records of a failure: its kind (a class name, a driver's or an
 * error's code), never its message or stack. Messages may quote what a
 * client sent (graphql-js's variable coercion errors repeat the value, a
 * duplicate-key error repeats the email) and a database error carries the SQL
 * and its parameters; a trace backend is no place for either.
 */

/** A span records at most this many errors as events: a failed list of 500 items is not 500 events. */
const MAX_RECORDED_ERRORS = 10;
/** Codes and class names are short identifiers; anything else is not repeated. */
const IDENTIFIER = /^[A-Za-z_$][\w$.-]{0,99}$/;

/** GraphQL errors (as thrown, or formatted for the client): status ERROR, the first code as error.type, one event each. */
export function recordGraphQLErrors(
  span: Span,
  errors: ReadonlyArray<GraphQLError | GraphQLFormattedError> | undefined,
): void {
  if (!errors || errors.length === 0) return;
  const codes = errors.map(graphQLErrorCode);
  span.setAttribute(ATTR_ERROR_TYPE, codes[0]!);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes[0] });
  errors.slice(0, MAX_RECORDED_ERRORS).forEach((error, index) => {
    span.addEvent("exception", {
      [ATTR_EXCEPTION_TYPE]: exceptionType(error),
      [ATTR_GRAPHQL_ERROR_CODE]: codes[index],
    });
  });
}

/** Anything thrown (a database or bus failure): status ERROR, its code or class as error.type, one event. */
export function recordFailure(span: Span, error: unknown): void {
  const type = failureType(error);
  span.setAttribute(ATTR_ERROR_TYPE, type);
  span.setStatus({ code: SpanStatusCode.ERROR, message: type });
  span.addEvent("exception", { [ATTR_EXCEPTION_TYPE]: className(error) });
}

/** A driver's error code (ER_DUP_ENTRY, SQLITE_BUSY, ECONNREFUSED), else the class name. */
export function failureType(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && IDENTIFIER.test(code) ? code : className(error);
}

function graphQLErrorCode(error: GraphQLError | GraphQLFormattedError): string {
  const code = error.extensions?.code;
  // Without a code it is unexpected, and the client sees it masked as such (src/format-error.ts).
  return typeof code === "string" && IDENTIFIER.test(code) ? code : "INTERNAL_SERVER_ERROR";
}

function exceptionType(error: GraphQLError | GraphQLFormattedError): string {
  // A formatted error is a plain object: its class is gone, only GraphQLError is known of it.
  if (!("originalError" in error)) return "GraphQLError";
  // graphql-js wraps what a resolver threw in a plain GraphQLError: the thrown one's class says more.
  const own = className(error);
  return own === "GraphQLError" && error.originalError ? className(error.originalError) : own;
}

function className(error: unknown): string {
  const name = (error as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === "string" && IDENTIFIER.test(name) ? name : "Error";
}
