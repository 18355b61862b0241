import {
  getOperationAST,
  Kind,
  type ExecutionArgs,
  type GraphQLError,
  type GraphQLFormattedError,
  type OperationDefinitionNode,
} from "graphql";
import type { WebSocket } from "ws";
import type { GraphQLMetrics } from "../metrics/graphql-metrics";
import type { WebSocketMetrics } from "../metrics/websocket-metrics";

type OperationArgs = Pick<ExecutionArgs, "document" | "operationName">;

/**
 * graphql-ws in the metrics, through the hooks of src/ws/websocket-server.ts:
 * open sockets; each operation once, timed from its subscribe message to its
 * result (a subscription: to its stream being ready, which is when it
 * counts, once), or refused by onSubscribe (a rejection, by reason); the
 * errors sent, as formatted; and the subscriptions running, by root field.
 */
export interface WebSocketOperationMetrics {
  connectionOpened(socket: WebSocket): void;
  received(connection: object, id: string): void;
  /** onSubscribe answers with `errors` instead of running: `args` when the document was already prepared. */
  refused(connection: object, id: string, errors: readonly GraphQLError[], args?: OperationArgs): void;
  /** graphql-ws executed or subscribed: a result (a query, a mutation, a subscription that failed) or a stream. */
  ran(connection: object, id: string, args: ExecutionArgs, result: unknown): void;
  errorsSent(errors: readonly GraphQLFormattedError[]): void;
  /** The subscription's stream, counted as active until it ends, fails or is returned. */
  activeWhileRunning<T>(args: ExecutionArgs, stream: AsyncIterableIterator<T>): AsyncIterableIterator<T>;
}

export function createWebSocketOperationMetrics(metrics: {
  graphql: GraphQLMetrics;
  websocket: WebSocketMetrics;
}): WebSocketOperationMetrics {
  const { graphql, websocket } = metrics;
  // Per connection (graphql-ws's ctx.extra), the start of each operation not yet run or refused.
  const started = new WeakMap<object, Map<string, bigint>>();

  const secondsSince = (connection: object, id: string): number => {
    const operations = started.get(connection);
    const start = operations?.get(id);
    operations?.delete(id);
    return start === undefined ? 0 : Number(process.hrtime.bigint() - start) / 1e9;
  };

  return {
    connectionOpened(socket) {
      websocket.connectionOpened();
      // `on`, not `once`: ws emits `close` once per socket, and `once` adds a wrapper and a bound function to every open one.
      socket.on("close", () => websocket.connectionClosed());
    },
    received(connection, id) {
      let operations = started.get(connection);
      if (!operations) started.set(connection, (operations = new Map()));
      operations.set(id, process.hrtime.bigint());
    },
    refused(connection, id, errors, args) {
      graphql.rejected("ws", errors);
      graphql.operation({
        transport: "ws",
        operation: args ? operationOf(args) : null,
        outcome: "rejected",
        seconds: secondsSince(connection, id),
      });
    },
    ran(connection, id, args, result) {
      const failed = !isAsyncIterable(result) && Boolean((result as { errors?: unknown[] }).errors?.length);
      graphql.operation({
        transport: "ws",
        operation: operationOf(args),
        outcome: failed ? "errors" : "success",
        seconds: secondsSince(connection, id),
      });
    },
    errorsSent: (errors) => graphql.errorsSent("ws", errors),
    activeWhileRunning(args, stream) {
      const field = rootFieldOf(operationOf(args));
      websocket.subscriptionStarted(field);
      return whileRunning(stream, () => websocket.subscriptionEnded(field));
    },
  };
}

function operationOf(args: OperationArgs): OperationDefinitionNode | null {
  return getOperationAST(args.document, args.operationName) ?? null;
}

/** A subscription selects exactly one root field (graphql-js validates it); its name, not an alias. */
function rootFieldOf(operation: OperationDefinitionNode | null): string {
  const first = operation?.selectionSet.selections[0];
  return first?.kind === Kind.FIELD ? first.name.value : "unknown";
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/** `stream`, with `onEnd` called once when it finishes, fails, or is left (`return`/`throw`). */
function whileRunning<T>(stream: AsyncIterableIterator<T>, onEnd: () => void): AsyncIterableIterator<T> {
  return new RunningStream(stream, onEnd);
}

/**
 * A class rather than an object of closures: every subscription holds one for
 * as long as it runs, and its methods then live once on the prototype.
 */
class RunningStream<T> implements AsyncIterableIterator<T> {
  private running = true;

  constructor(
    private readonly stream: AsyncIterableIterator<T>,
    private readonly onEnd: () => void,
  ) {}

  // `then`, not `async`/`await`: while it waits for the next event an async
  // function keeps a suspended frame and its registers per subscriber.
  next(): Promise<IteratorResult<T>> {
    return this.stream.next().then(
      (result) => {
        if (result.done) this.end();
        return result;
      },
      (error: unknown) => {
        this.end();
        throw error;
      },
    );
  }

  async return(value?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return this.stream.return ? this.stream.return(value) : { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<T>> {
    this.end();
    if (this.stream.throw) return this.stream.throw(error);
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private end(): void {
    if (!this.running) return;
    this.running = false;
    this.onEnd();
  }
}
