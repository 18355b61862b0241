import type { ExecutionResult, OperationDefinitionNode } from "graphql";

/** Which engine ran an operation: graphql-jit's compiled function, or graphql-js. */
export type ExecutionPath = "compiled" | "interpreted";

/** One execution: an HTTP or websocket query or mutation, or one event of a subscription. */
export interface ExecutionStart {
  readonly transport: "http" | "websocket";
  readonly path: ExecutionPath;
  readonly operation: OperationDefinitionNode;
  /** The context the resolvers receive (for a subscription event, that event's fresh one). */
  readonly contextValue: unknown;
}

/**
 * Sees every execution on both transports and both paths (metrics, traces,
 * tests). Over HTTP, Apollo's executionDidStart still fires for every
 * operation, compiled or not; graphql-ws never goes through Apollo, so this is
 * the one place a websocket operation's execution can be observed.
 */
export interface ExecutionObserver {
  /** Called as an execution starts; the function it returns, if any, is called with the result. */
  executionDidStart(start: ExecutionStart): ((result: ExecutionResult) => void) | void;
}
