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

interface OperationState extends OperationLogEntry {
  readonly startedAt: number;
  operationName: string | null;
  operationType: string | null;
  /** Its context was made: every gate passed and execution began. */
  executed: boolean;
  /** Results sent: a subscription's events, or a query's one result. */
  events: number;
  readonly errorCodes: Set<string>;
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
  const openedAt = performance.now();
  // Made on first use: at info, most connections never write a line of their own.
  let ownLogger: Logger | undefined;
  const connectionLogger = () => (ownLogger ??= appLogger.child({ requestId: connectionId }));
  const operations = new Map<string, OperationState>();
  let viewerId: number | null = null;
  let operationCount = 0;

  const end = (messageId: string, closeCode?: number) => {
    const operation = operations.get(messageId);
    if (!operation) return;
    operations.delete(messageId);
    operation.logger.info(
      {
        transport: "ws",
        connectionId,
        operationName: operation.operationName,
        operationType: operation.operationType,
        viewerId,
        outcome: outcomeOf(operation),
        errorCodes: [...operation.errorCodes],
        durationMs: durationSince(operation.startedAt),
        ...(operation.operationType === "subscription" ? { events: operation.events } : {}),
        ...(closeCode === undefined ? {} : { closeCode }),
      },
      "graphql operation",
    );
  };

  const begin = (messageId: string, operationName: unknown): OperationState => {
    const requestId = operationRequestId(connectionId, messageId);
    const operation: OperationState = {
      requestId,
      logger: appLogger.child({ requestId }),
      startedAt: performance.now(),
      operationName: loggedOperationName(operationName),
      operationType: null,
      executed: false,
      events: 0,
      errorCodes: new Set(),
    };
    operationCount += 1;
    operations.set(messageId, operation);
    return operation;
  };

  const noteErrors = (operation: OperationState, errors: readonly unknown[] | undefined) => {
    for (const code of errorCodesOf(errors)) {
      if (operation.errorCodes.size >= MAX_ERROR_CODES_PER_OPERATION) break;
      operation.errorCodes.add(code);
    }
  };

  return {
    connectionId,
    connected(viewer) {
      viewerId = viewer;
      if (appLogger.isLevelEnabled("debug")) {
        connectionLogger().debug({ transport: "ws", connectionId, viewerId }, "websocket connected");
      }
    },

    begin,

    identify(messageId, document, operationName) {
      const operation = operations.get(messageId);
      const definition = getOperationAST(document, operationName);
      if (!operation || !definition) return;
      operation.operationName = loggedOperationName(definition.name?.value);
      operation.operationType = definition.operation;
    },

    executing(messageId) {
      const operation = operations.get(messageId) ?? begin(messageId, undefined);
      operation.executed = true;
      return operation;
    },

    entryOf(messageId) {
      return operations.get(messageId) ?? { requestId: connectionId, logger: connectionLogger() };
    },

    sent(messageId, errors) {
      const operation = operations.get(messageId);
      if (!operation) return;
      operation.events += 1;
      noteErrors(operation, errors);
    },

    failed(messageId, errors) {
      const operation = operations.get(messageId);
      if (!operation) return;
      noteErrors(operation, errors);
      if (!operation.executed) end(messageId);
    },

    completed(messageId, socketClosing) {
      if (!socketClosing) end(messageId);
    },

    closed(code) {
      for (const messageId of [...operations.keys()]) end(messageId, code);
      if (!appLogger.isLevelEnabled("debug")) return;
      connectionLogger().debug(
        {
          transport: "ws",
          connectionId,
          viewerId,
          closeCode: code,
          operations: operationCount,
          durationMs: durationSince(openedAt),
        },
        "websocket closed",
      );
    },
  };
}

function outcomeOf(operation: OperationState): OperationOutcome {
  if (!operation.executed) return "rejected";
  return operation.errorCodes.size > 0 ? "errors" : "ok";
}
