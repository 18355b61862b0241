import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from "graphql";
import type { TraceParent } from "../trace-parent";
import { mapAsyncIterable } from "./map-async-iterable";

/** Runs one event's execution (tracing gives each its span, and its TraceParent); without one, it simply runs. */
export type AroundEvent = (
  root: unknown,
  execute: (trace: TraceParent | null) => Promise<ExecutionResult>,
) => Promise<ExecutionResult>;

/**
 * graphql-js's `subscribe`, except that each event is executed with a fresh
 * context (fresh loaders, a fresh clock) instead of the one created when the
 * subscription started, so a long-lived connection never serves stale rows.
 * Each event runs through `executeEvent` (the gateway's executor: compiled for
 * a trusted document), with the event as its root value.
 */
export async function subscribeWithFreshContext(
  args: ExecutionArgs,
  /** The event's context, traced in `trace` when the event is. */
  freshContext: (trace: TraceParent | null) => unknown,
  executeEvent: (args: ExecutionArgs) => Promise<ExecutionResult> | ExecutionResult = execute,
  aroundEvent?: AroundEvent,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in source)) return source as ExecutionResult;
  const run = (payload: unknown, trace: TraceParent | null) =>
    executeEvent({ ...args, rootValue: payload, contextValue: freshContext(trace) });
  return mapAsyncIterable(
    source as AsyncIterable<unknown>,
    aroundEvent
      ? (payload) => aroundEvent(payload, async (trace) => run(payload, trace))
      : (payload) => run(payload, null),
  );
}
