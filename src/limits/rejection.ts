import { GraphQLError } from "graphql";
import type { ErrorCode } from "../errors";

/**
 * An operation refused by a limit (src/limits/). Its own class so that a
 * refusal coded like graphql-js's validation errors (GRAPHQL_VALIDATION_FAILED)
 * can still be told apart from them, e.g. by the metrics' rejection reasons.
 */
export class LimitRefusal extends GraphQLError {}

/** An operation refused before execution: 400 over HTTP, an error message over graphql-ws. */
export function operationRejected(message: string, code: ErrorCode = "OPERATION_LIMIT_EXCEEDED"): GraphQLError {
  return new LimitRefusal(message, { extensions: { code, http: { status: 400 } } });
}

/** Whether `error`, or an error it wraps (Apollo wraps validation errors), is a limit's refusal. */
export function isLimitRefusal(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (current instanceof LimitRefusal) return true;
    current = (current as { originalError?: unknown }).originalError;
  }
  return false;
}
