import type { ErrorCode } from "../errors";
import { isLimitRefusal } from "../limits/rejection";

/**
 * Why a document was refused before it ran, as the metrics count it:
 * - `limit`: over a limit of src/limits/ (depth, aliases, directives, fields, variables, tokens, cost), or
 *   more operations than a websocket may run at once;
 * - `untrusted`: not one of the trusted documents (TRUSTED_DOCUMENTS=require);
 * - `unknown_hash`: a hash no document is registered under (also the first step of automatic persisted queries);
 * - `malformed`: a malformed hash or request envelope;
 * - `rate_limit`: over a budget of src/rate-limits/, or the websocket subscribe rate;
 * - `invalid`: does not parse or validate (an unknown field, a syntax error, no operation to run).
 */
export type RejectionReason = "limit" | "untrusted" | "unknown_hash" | "malformed" | "rate_limit" | "invalid";

export const REJECTION_REASONS: readonly RejectionReason[] = [
  "limit",
  "untrusted",
  "unknown_hash",
  "malformed",
  "rate_limit",
  "invalid",
];

/** graphql-js's message when `maxTokens` stops the parser ("more that" in graphql 16, "more than" may follow). */
const TOO_MANY_TOKENS = /Document contains more th(?:at|an) \d+ tokens/;

const BY_CODE: Partial<Record<ErrorCode, RejectionReason>> = {
  OPERATION_LIMIT_EXCEEDED: "limit",
  TOO_MANY_REQUESTS: "rate_limit",
  PERSISTED_QUERY_NOT_TRUSTED: "untrusted",
  PERSISTED_QUERY_NOT_FOUND: "unknown_hash",
  PERSISTED_QUERY_INVALID: "malformed",
  BAD_REQUEST: "malformed",
};

/** The reason of a refusal, from its first error (both transports refuse with one). */
export function rejectionReasonOf(errors: readonly unknown[]): RejectionReason {
  const [first] = errors;
  if (isLimitRefusal(first)) return "limit";
  const code = (first as { extensions?: { code?: unknown } } | undefined)?.extensions?.code;
  const byCode = typeof code === "string" ? BY_CODE[code as ErrorCode] : undefined;
  if (byCode) return byCode;
  if (code === "GRAPHQL_PARSE_FAILED" && TOO_MANY_TOKENS.test(String((first as { message?: unknown }).message))) {
    return "limit";
  }
  return "invalid";
}
