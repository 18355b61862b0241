import { GraphQLError } from "graphql";
import type { ErrorCode } from "../errors";

/** An operation refused before execution: 400 over HTTP, an error message over graphql-ws. */
export function operationRejected(message: string, code: ErrorCode = "OPERATION_LIMIT_EXCEEDED"): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
