import { performance } from "node:perf_hooks";
import { getOperationAST, type DocumentNode } from "graphql";
import type { Logger } from "../logger";
import { durationSince, errorCodesOf, loggedOperationName, type OperationOutcome } from "../logging/operation-fields";
import { operationRequestId } from "../logging/request-id";

/** Enough for every code an operation can meet; more would only repeat. */
const MAX_ERROR_CODES_PER_OPERATION = 10;

/** One graphql-ws operation's id and logger, for its Context (and every event's). */
export interface OperationLogEntry {
  readonly requestId: string;
  readonly logger: Logger;
}

const NO_ERROR_CODES: ReadonlySet<string> = new Set();

/**
 * One running operation. Its logger and its set of error codes are made on first use: a
 * subscription can run for hours with no error and, at info, writes its one line only when
 * it ends, and every open subscription holds one of these.
 */
class OperationState implements OperationLogEntry {
  readonly startedAt = performance.now();
  operationType: string | null = null;
  /** Its context was made: every gate passed and execution began. */
  executed = false;
  /** Results sent: a subscription's events, or a query's one result. */
  events = 0;
  private ownLogger: Logger | undefined;
  private codes: Set<string> | undefined;

  constructor(
    readonly requestId: string,
    private readonly appLogger: Logger,
    public operationName: string | null,
  ) {}

  get logger(): Logger {
    return (this.ownLogger ??= this.appLogger.child({ requestId: this.requestId }));
  }

  get errorCodes(): ReadonlySet<string> {
    return this.codes ?? NO_ERROR_CODES;
  }

  noteErrors(errors: readonly unknown[] | undefined): void {
    if (!errors || errors.length === 0) return;
    for (const code of errorCodesOf(errors)) {
      this.codes ??= new Set();
      if (this.codes.size >= MAX_ERROR_CODES_PER_OPERATION) break;
      this.codes.add(code);
    }
  }
}

/**
 * The log of one websocket connection: a debug line when it is signed in and when it closes,
 * and an info line when each of its operations ends (a query or mutation after its result,
 * an operation refused at its subscribe message, a subscription when it completes, fails or
 * its socket closes; with the number of events it delivered). graphql-ws's hooks call it
 * with the client's message id.
 */
export interface ConnectionLog {
  readonly connectionId: string;
  /** connection_init was accepted for this viewer. */
  connected(viewerId: number): void;
  /** A subscribe message: the operation's request id and logger, as long as it runs. */
  begin(messageId: string, operationName: unknown): OperationLogEntry;
  /** The gates parsed its document: the name and type it really has. */
  identify(messageId: string, document: DocumentNode, operationName: string | null | undefined): void;
  /** Its context is being made: it runs. */
  executing(messageId: string): OperationLogEntry;
  /** The operation's entry, or the connection's own when it has none (a message after its end). */
  entryOf(messageId: string): OperationLogEntry;
  /** A `next` message: a result or an event, with its formatted errors. */
  sent(messageId: string, errors: readonly unknown[] | undefined): void;
  /** An `error` message. Before execution it ends the operation: graphql-ws completes nothing after it. */
  failed(messageId: string, errors: readonly unknown[]): void;
  /**
   * graphql-ws completed the operation. When its socket is closing, the close ended it: its line
   * waits for `closed`, which comes next with the code.
   */
  completed(messageId: string, socketClosing: boolean): void;
  /** The socket closed: operations still open end with its close code. */
  closed(code: number): void;
}

export function openConnectionLog(appLogger: Logger, connectionId: string): ConnectionLog {
  return new WebSocketConnectionLog(appLogger, connectionId);
}

/**
 * A class rather than an object of closures: every open socket holds one, and its
 * methods then live once on the prototype instead of a dozen closures per connection.
 */
class WebSocketConnectionLog implements ConnectionLog {
  private readonly openedAt = performance.now();
  // Made on first use: at info, most connections never write a line of their own.
  private ownLogger: Logger | undefined;
  private readonly operations = new Map<string, OperationState>();
  private viewerId: number | null = null;
  private operationCount = 0;

  constructor(
    private readonly appLogger: Logger,
    readonly connectionId: string,
  ) {}

  connected(viewerId: number): void {
    this.viewerId = viewerId;
    if (this.appLogger.isLevelEnabled("debug")) {
      this.connectionLogger().debug(
        { transport: "ws", connectionId: this.connectionId, viewerId },
        "websocket connected",
      );
    }
  }

  begin(messageId: string, operationName: unknown): OperationState {
    const requestId = operationRequestId(this.connectionId, messageId);
    const operation = new OperationState(requestId, this.appLogger, loggedOperationName(operationName));
    this.operationCount += 1;
    this.operations.set(messageId, operation);
    return operation;
  }

  identify(messageId: string, document: DocumentNode, operationName: string | null | undefined): void {
    const operation = this.operations.get(messageId);
    const definition = getOperationAST(document, operationName);
    if (!operation || !definition) return;
    operation.operationName = loggedOperationName(definition.name?.value);
    operation.operationType = definition.operation;
  }

  executing(messageId: string): OperationLogEntry {
    const operation = this.operations.get(messageId) ?? this.begin(messageId, undefined);
    operation.executed = true;
    return operation;
  }

  entryOf(messageId: string): OperationLogEntry {
    return this.operations.get(messageId) ?? { requestId: this.connectionId, logger: this.connectionLogger() };
  }

  sent(messageId: string, errors: readonly unknown[] | undefined): void {
    const operation = this.operations.get(messageId);
    if (!operation) return;
    operation.events += 1;
    operation.noteErrors(errors);
  }

  failed(messageId: string, errors: readonly unknown[]): void {
    const operation = this.operations.get(messageId);
    if (!operation) return;
    operation.noteErrors(errors);
    if (!operation.executed) this.end(messageId);
  }

  completed(messageId: string, socketClosing: boolean): void {
    if (!socketClosing) this.end(messageId);
  }

  closed(code: number): void {
    for (const messageId of [...this.operations.keys()]) this.end(messageId, code);
    if (!this.appLogger.isLevelEnabled("debug")) return;
    this.connectionLogger().debug(
      {
        transport: "ws",
        connectionId: this.connectionId,
        viewerId: this.viewerId,
        closeCode: code,
        operations: this.operationCount,
        durationMs: durationSince(this.openedAt),
      },
      "websocket closed",
    );
  }

  private connectionLogger(): Logger {
    return (this.ownLogger ??= this.appLogger.child({ requestId: this.connectionId }));
  }

  private end(messageId: string, closeCode?: number): void {
    const operation = this.operations.get(messageId);
    if (!operation) return;
    this.operations.delete(messageId);
    operation.logger.info(
      {
        transport: "ws",
        connectionId: this.connectionId,
        operationName: operation.operationName,
        operationType: operation.operationType,
        viewerId: this.viewerId,
        outcome: outcomeOf(operation),
        errorCodes: [...operation.errorCodes],
        durationMs: durationSince(operation.startedAt),
        ...(operation.operationType === "subscription" ? { events: operation.events } : {}),
        ...(closeCode === undefined ? {} : { closeCode }),
      },
      "graphql operation",
    );
  }
}

function outcomeOf(operation: OperationState): OperationOutcome {
  if (!operation.executed) return "rejected";
  return operation.errorCodes.size > 0 ? "errors" : "ok";
}
