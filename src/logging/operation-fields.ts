import { performance } from "node:perf_hooks";

/**
 * The fields of an operation's log line that both transports compute alike. What a client
 * sent (operation names, and through them any text) is bounded and checked here, so no
 * line grows without limit or carries what the client chose to put in it.
 */

/** Long enough for any real operation name; a longer one is cut. */
export const MAX_LOGGED_OPERATION_NAME = 100;
/** An operationName that is not a GraphQL name (so names no operation) is logged as this. */
export const INVALID_OPERATION_NAME = "(invalid)";
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const MAX_LOGGED_ERROR_CODES = 10;
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/** How an operation ended: it ran without errors, ran with some, or was refused before it ran. */
export type OperationOutcome = "ok" | "errors" | "rejected";

/** An operation's name as logged: null when none, bounded, and only a GraphQL name. */
export function loggedOperationName(name: unknown): string | null {
  if (name === undefined || name === null || name === "") return null;
  if (typeof name !== "string" || !GRAPHQL_NAME.test(name)) return INVALID_OPERATION_NAME;
  return name.length > MAX_LOGGED_OPERATION_NAME ? `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}...` : name;
}

/** The distinct `extensions.code`s of formatted errors, in order, at most ten. */
export function errorCodesOf(errors: readonly unknown[] | undefined): string[] {
  const codes = new Set<string>();
  for (const error of errors ?? []) {
    if (codes.size >= MAX_LOGGED_ERROR_CODES) break;
    const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (typeof code === "string") codes.add(ERROR_CODE.test(code) ? code : "(invalid)");
  }
  return [...codes];
}

/** Milliseconds since `startedAt` (a `performance.now()`), to a tenth. */
export function durationSince(startedAt: number): number {
  return Math.round((performance.now() - startedAt) * 10) / 10;
}
