import type { ExecutionResult } from "graphql";
import type { ConnectionInitMessage, ServerOptions } from "graphql-ws";

/**
 * What the websocket server lets tracing (src/tracing/) wrap. Given, each
 * operation and each subscription event is traced; absent, nothing is
 * wrapped at all.
 */
export interface WebSocketTracing {
  /** graphql-ws's options with every operation traced: the same hooks, each still called. */
  traceOperations<P extends ConnectionInitMessage["payload"], E>(options: ServerOptions<P, E>): ServerOptions<P, E>;
  /**
   * Runs one event of a subscription: `operationContext` is the context its
   * operation was executed with, `root` the event the subscription pushed.
   */
  traceEvent(
    operationContext: unknown,
    root: unknown,
    execute: () => Promise<ExecutionResult>,
  ): Promise<ExecutionResult>;
}
