import { createHash, randomUUID } from "node:crypto";

/**
 * A request id a caller may choose: one token of letters, digits and `. _ : -`, 1 to 128
 * characters. Anything else (spaces, a comma from a header sent twice, control characters,
 * percent-escapes, non-ASCII) could forge or break a log line, so it is never used or echoed.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** graphql-ws's message id is the client's choice too; within a connection it needs less room. */
const SANE_MESSAGE_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The caller's `X-Request-Id` when it is one sane token, else a fresh UUID. */
export function requestIdFrom(header: string | readonly string[] | undefined): string {
  return typeof header === "string" && SANE_REQUEST_ID.test(header) ? header : freshUuid();
}

/**
 * `randomUUID()` as one flat string. Node formats it by concatenating its pieces, and V8 keeps
 * that as a tree of 15 string nodes (about 480 bytes) for as long as the id lives: a websocket
 * connection's id lives as long as its socket, in every operation's request id.
 */
function freshUuid(): string {
  return Buffer.from(randomUUID(), "latin1").toString("latin1");
}

/**
 * The request id of one graphql-ws operation: the connection's id and the message id,
 * `<connectionId>:<messageId>`. A message id outside the safe set (or too long) is replaced
 * by `~` and a digest of it: still one id per operation, and nothing of the client's text.
 */
export function operationRequestId(connectionId: string, messageId: string): string {
  if (SANE_MESSAGE_ID.test(messageId)) return `${connectionId}:${messageId}`;
  return `${connectionId}:~${createHash("sha256").update(messageId).digest("hex").slice(0, 16)}`;
}
