import { DEPRECATED_GRAPHQL_WS_PROTOCOL, GRAPHQL_TRANSPORT_WS_PROTOCOL } from "graphql-ws";
import type { RawData, WebSocket } from "ws";
import { CloseCodes } from "./close-codes";

/*
 * subscriptions-transport-ws (Apollo's legacy protocol, unmaintained since 2022)
 * offers the subprotocol `graphql-ws`, a name the graphql-ws library does not
 * speak (its protocol is `graphql-transport-ws`). Refused at the handshake, as
 * graphql-ws's own `handleProtocols` does, that client fails the connection
 * ("Server sent no subprotocol") before it can read a reason, and an operation
 * it started waits forever. So its socket is accepted, told in its own protocol
 * to use graphql-ws, and closed: it never authenticates, runs nothing, and stays
 * open for at most a few seconds (it counts against the per-address cap meanwhile).
 */

/** The legacy client's subprotocol (graphql-ws's DEPRECATED_GRAPHQL_WS_PROTOCOL). */
export const LEGACY_SUBPROTOCOL = DEPRECATED_GRAPHQL_WS_PROTOCOL;

/** What the legacy client's connectionCallback and each operation's observer receive. */
export const LEGACY_PROTOCOL_MESSAGE =
  "This gateway speaks graphql-transport-ws, not the legacy subscriptions-transport-ws protocol: " +
  'use the graphql-ws library (README, "Use it from an app")';

export const LEGACY_CLOSE_REASON = "Subprotocol not acceptable: use graphql-ws (graphql-transport-ws)";

/** The longest a legacy socket stays open, whatever it sends or does not send. */
export const LEGACY_SOCKET_MAX_OPEN_MS = 2_000;

/**
 * Messages read from one legacy socket before it is closed: more than the
 * operations a real client starts at once, and the most it gets answers to.
 */
export const LEGACY_MAX_MESSAGES = 20;

/**
 * After connection_init, how long the operations that follow it get their
 * error: the client sends the ones it has queued right after it, without
 * waiting for an answer.
 */
const ANSWER_WINDOW_MS = 250;

/** Time for the close frame to get through before a client that does not answer it is cut off. */
const CLOSE_WAIT_MS = 1_000;

/** An operation id echoed back; a longer one gets no answer (a reply is never much larger than its message). */
const MAX_ID_LENGTH = 64;

/**
 * ws's `handleProtocols`: graphql-transport-ws whenever it is offered (a client
 * offering both gets it, as before), else the legacy subprotocol so that its
 * client can be told why, else none (graphql-ws then closes the socket 4406).
 */
export function chooseSubprotocol(offered: Set<string>): string | false {
  if (offered.has(GRAPHQL_TRANSPORT_WS_PROTOCOL)) return GRAPHQL_TRANSPORT_WS_PROTOCOL;
  if (offered.has(LEGACY_SUBPROTOCOL)) return LEGACY_SUBPROTOCOL;
  return false;
}

/**
 * Answers a legacy socket in its own protocol, then closes it (4406): its
 * connection_init with `connection_error`, each `start` with `error` (the
 * legacy client hands that payload to the operation's observer), and closes it
 * at once on anything that is not a legacy message.
 */
export function refuseLegacyProtocol(socket: WebSocket): void {
  const payload = { message: LEGACY_PROTOCOL_MESSAGE };
  let received = 0;
  let answerWindow: NodeJS.Timeout | undefined;
  const deadline = setTimeout(() => close(), LEGACY_SOCKET_MAX_OPEN_MS).unref();

  function close(): void {
    clearTimeout(deadline);
    clearTimeout(answerWindow);
    if (socket.readyState === socket.OPEN) socket.close(CloseCodes.SubprotocolNotAcceptable, LEGACY_CLOSE_REASON);
    setTimeout(() => socket.terminate(), CLOSE_WAIT_MS).unref();
  }

  socket.on("message", (data, isBinary) => {
    if (socket.readyState !== socket.OPEN) return;
    received += 1;
    const message = isBinary ? null : parseLegacyMessage(data);
    if (!message) return close();
    if (message.type === "connection_init") {
      socket.send(JSON.stringify({ type: "connection_error", payload }));
      answerWindow ??= setTimeout(close, ANSWER_WINDOW_MS).unref();
    } else if (message.type === "start" && typeof message.id === "string" && message.id.length <= MAX_ID_LENGTH) {
      socket.send(JSON.stringify({ type: "error", id: message.id, payload }));
    } else if (message.type === "connection_terminate") {
      return close();
    }
    if (received >= LEGACY_MAX_MESSAGES) close();
  });
  // ws has closed the socket already (a frame over the limit: 1009); the bound still applies.
  socket.on("error", close);
  socket.once("close", () => {
    clearTimeout(deadline);
    clearTimeout(answerWindow);
  });
}

function parseLegacyMessage(data: RawData): { type: unknown; id?: unknown } | null {
  try {
    const message: unknown = JSON.parse(String(data));
    return typeof message === "object" && message !== null && !Array.isArray(message)
      ? (message as { type: unknown; id?: unknown })
      : null;
  } catch {
    return null;
  }
}
