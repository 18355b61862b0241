import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  trace,
  type Attributes,
  type Context,
  type Span,
  type TextMapPropagator,
  type Tracer,
} from "@opentelemetry/api";
import {
  execute as graphqlExecute,
  getOperationAST,
  subscribe as graphqlSubscribe,
  type ExecutionArgs,
  type ExecutionResult,
} from "graphql";
import type { ConnectionInitMessage, ServerOptions } from "graphql-ws";
import {
  ATTR_GRAPHQL_OPERATION_NAME,
  ATTR_GRAPHQL_OPERATION_TYPE,
  ATTR_LIVE_RELAY_SEQUENCE,
  boundedOperationName,
} from "./attributes";
import type { TraceParent } from "../trace-parent";
import { isSampled } from "./sampled";
import { traceParentUnder } from "./span-parent";
import { recordFailure, recordGraphQLErrors } from "./span-errors";

interface OperationSpan {
  readonly span: Span;
  /** The span's context: its events are its children. */
  readonly context: Context;
  /** Given to the operation's context when the span is sampled: its execution's statements go under it. */
  readonly traceParent: TraceParent | null;
  attributes: Attributes;
  /** Ends the span (once) and forgets the operation. */
  end(errors?: Parameters<typeof recordGraphQLErrors>[1]): void;
}

type Connection = object;

/**
 * A SERVER span per graphql-ws operation, `graphql-ws <type>`, from its
 * subscribe message to its completion, refusal or error (or the socket's
 * close). Its parent is the W3C `traceparent` (and `tracestate`) in the
 * subscribe message's `extensions`, when valid; otherwise it starts a trace.
 * The upgrade request's headers are not used: a browser cannot set them, and
 * one connection outlives any trace it could name.
 *
 * A subscription's setup (its first counts, a replay) runs in the span (its
 * context is given the operation's TraceParent); each event it pushes gets a
 * span of its own, `graphql-ws event`, as its child, with the event's
 * resolvers and SQL under it (the event's fresh context is given the event's). The relay sequence of an item
 * push is an attribute of the event, as of the publish span it came from.
 */
export function webSocketSpans(tracer: Tracer, propagator: TextMapPropagator) {
  const operations = new WeakMap<Connection, Map<string, OperationSpan>>();
  const byContextValue = new WeakMap<object, OperationSpan>();

  const operationsOf = (connection: Connection) => {
    let map = operations.get(connection);
    if (!map) operations.set(connection, (map = new Map()));
    return map;
  };

  const end = (connection: Connection, id: string, errors?: Parameters<typeof recordGraphQLErrors>[1]) =>
    operations.get(connection)?.get(id)?.end(errors);

  const start = (connection: Connection, id: string, parent: Context): OperationSpan => {
    const map = operationsOf(connection);
    // An id is reused only after its operation ended; one left open by a path graphql-ws ends silently goes first.
    map.get(id)?.end();
    const span = tracer.startSpan("graphql-ws operation", { kind: SpanKind.SERVER }, parent);
    const operation: OperationSpan = {
      span,
      context: trace.setSpan(parent, span),
      traceParent: isSampled(span) ? traceParentUnder(span) : null,
      attributes: {},
      end(errors) {
        if (map.get(id) !== operation) return;
        map.delete(id);
        recordGraphQLErrors(span, errors);
        span.end();
      },
    };
    map.set(id, operation);
    return operation;
  };

  const describe = (operation: OperationSpan, args: ExecutionArgs) => {
    const ast = getOperationAST(args.document, args.operationName);
    if (!ast) return;
    const name = boundedOperationName(ast.name?.value);
    operation.attributes = {
      [ATTR_GRAPHQL_OPERATION_TYPE]: ast.operation,
      ...(name ? { [ATTR_GRAPHQL_OPERATION_NAME]: name } : {}),
    };
    operation.span.updateName(`graphql-ws ${ast.operation}`);
    operation.span.setAttributes(operation.attributes);
  };

  /** A query's or mutation's result, or a subscription that failed to start: its errors go on the operation. */
  const runInOperation = async (
    args: ExecutionArgs,
    run: (args: ExecutionArgs) => ReturnType<NonNullable<ServerOptions["execute"]>>,
  ) => {
    const operation = isObject(args.contextValue) ? byContextValue.get(args.contextValue) : undefined;
    if (!operation) return run(args);
    try {
      const result = await run(args);
      if (!(Symbol.asyncIterator in result)) recordGraphQLErrors(operation.span, result.errors);
      return result;
    } catch (error) {
      // graphql-ws completes nothing after a throw: the operation ends here.
      recordFailure(operation.span, error);
      operation.end();
      throw error;
    }
  };

  return {
    /** The TraceParent of an operation's context: null when it is not traced or not sampled. */
    operationTraceOf: (connection: Connection, id: string): TraceParent | null =>
      operations.get(connection)?.get(id)?.traceParent ?? null,

    traceOperations<P extends ConnectionInitMessage["payload"], E>(options: ServerOptions<P, E>): ServerOptions<P, E> {
      return {
        ...options,
        async onSubscribe(ctx, id, payload) {
          const operation = start(ctx, id, callerContext(payload.extensions, propagator));
          let result: Awaited<ReturnType<NonNullable<ServerOptions<P, E>["onSubscribe"]>>>;
          try {
            result = await options.onSubscribe?.(ctx, id, payload);
          } catch (error) {
            recordFailure(operation.span, error);
            operation.end();
            throw error;
          }
          // Refused (a limit, a rate, an untrusted document): graphql-ws sends the errors and runs nothing.
          if (Array.isArray(result)) operation.end(result);
          else if (result) describe(operation, result as ExecutionArgs);
          return result;
        },
        async context(ctx, id, payload, args) {
          const value =
            typeof options.context === "function" ? await options.context(ctx, id, payload, args) : options.context;
          const operation = operations.get(ctx)?.get(id);
          if (operation && isObject(value)) byContextValue.set(value, operation);
          return value;
        },
        execute: (args) => runInOperation(args, options.execute ?? graphqlExecute),
        subscribe: (args) => runInOperation(args, options.subscribe ?? graphqlSubscribe),
        async onError(ctx, id, payload, errors) {
          end(ctx, id, errors);
          return options.onError?.(ctx, id, payload, errors);
        },
        async onComplete(ctx, id, payload) {
          end(ctx, id);
          return options.onComplete?.(ctx, id, payload);
        },
        async onClose(ctx, code, reason) {
          for (const id of [...(operations.get(ctx)?.keys() ?? [])]) end(ctx, id);
          return options.onClose?.(ctx, code, reason);
        },
      };
    },

    async traceEvent(
      operationContext: unknown,
      root: unknown,
      execute: (trace: TraceParent | null) => Promise<ExecutionResult>,
    ): Promise<ExecutionResult> {
      const operation = isObject(operationContext) ? byContextValue.get(operationContext) : undefined;
      if (!operation?.traceParent) return execute(null);
      const sequence = isObject(root) ? (root as { sequence?: unknown }).sequence : undefined;
      const span = tracer.startSpan(
        "graphql-ws event",
        {
          attributes: {
            ...operation.attributes,
            ...(Number.isSafeInteger(sequence) ? { [ATTR_LIVE_RELAY_SEQUENCE]: sequence as number } : {}),
          },
        },
        operation.context,
      );
      try {
        const result = await execute(traceParentUnder(span));
        recordGraphQLErrors(span, result.errors);
        return result;
      } catch (error) {
        recordFailure(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  };
}

/** The caller's trace from a subscribe message's `extensions`, when its traceparent is a string; else none. */
function callerContext(extensions: unknown, propagator: TextMapPropagator): Context {
  if (!isObject(extensions)) return ROOT_CONTEXT;
  const { traceparent, tracestate } = extensions as Record<string, unknown>;
  if (typeof traceparent !== "string") return ROOT_CONTEXT;
  const carrier = { traceparent, ...(typeof tracestate === "string" ? { tracestate } : {}) };
  return propagator.extract(ROOT_CONTEXT, carrier, defaultTextMapGetter);
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
