import type { ExecutionResult } from "graphql";
import type { ConnectionInitMessage, ServerOptions } from "graphql-ws";
import type { TraceParent } from "../trace-parent";

/**
 * What the websocket server lets tracing (src/tracing/) wrap. Given, each
 * operation and each subscription event is traced; absent, nothing is
 * wrapped at all.
 */
export interface WebSocketTracing {
  /** graphql-ws's options with every operation traced: the same hooks, each still called. */
  traceOperations<P extends ConnectionInitMessage["payload"], E>(options: ServerOptions<P, E>): ServerOptions<P, E>;
  /**
   * The TraceParent for the context of operation `id` of a connection (graphql-ws's `ctx`),
   * once its subscribe message was taken: null when the operation is not sampled.
   */
  operationTraceOf(connection: object, id: string): TraceParent | null;
  /**
   * Runs one event of a subscription: `operationContext` is the context its
   * operation was executed with, `root` the event the subscription pushed;
   * `execute` is given the event's TraceParent for its fresh context.
   */
  traceEvent(
    operationContext: unknown,
    root: unknown,
    execute: (trace: TraceParent | null) => Promise<ExecutionResult>,
  ): Promise<ExecutionResult>;
}
