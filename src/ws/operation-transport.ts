import type { ContextTransport } from "../context";
import type { Logger } from "../logger";
import type { TraceParent } from "../trace-parent";
import type { OperationLogEntry } from "./operation-log";

/**
 * What a websocket operation's contexts know of their transport. A class whose
 * getters read the operation's log entry on use: its logger is made only when
 * something logs, and an open subscription keeps no closures of its own here.
 */
export class WebSocketOperationTransport implements ContextTransport {
  constructor(
    private readonly operation: OperationLogEntry,
    readonly clientAddress: string | null,
    /** The connection's, one per socket. */
    readonly dropConnection: () => void,
    readonly traceParent: TraceParent | null,
  ) {}

  get requestId(): string {
    return this.operation.requestId;
  }

  get logger(): Logger {
    return this.operation.logger;
  }
}

/** A traced subscription event's transport: its operation's, with the event's own TraceParent. */
export class TracedEventTransport implements ContextTransport {
  constructor(
    private readonly operation: ContextTransport,
    readonly traceParent: TraceParent,
  ) {}

  get requestId(): string {
    return this.operation.requestId;
  }

  get logger(): Logger {
    return this.operation.logger;
  }

  get clientAddress(): string | null {
    return this.operation.clientAddress ?? null;
  }

  get dropConnection(): (() => void) | null {
    return this.operation.dropConnection ?? null;
  }
}
