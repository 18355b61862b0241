import { HeaderMap } from "@apollo/server";
import { GraphQLError } from "graphql";

/*
 * The errors a client may see. Each carries `extensions.code`; anything that
 * is not one of these (or graphql-js's own validation errors) is masked.
 */

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "SERVICE_UNAVAILABLE"
  | "TOO_MANY_REQUESTS"
  /** A document over a limit (src/limits/), or more operations than a socket may run. */
  | "OPERATION_LIMIT_EXCEEDED"
  /** graphql-js's and Apollo's own codes, given the same way over graphql-ws. */
  | "GRAPHQL_PARSE_FAILED"
  | "GRAPHQL_VALIDATION_FAILED"
  /** No operation of the document to run: none named operationName, or several and no name. */
  | "OPERATION_RESOLUTION_FAILURE"
  /** A body over HTTP_BODY_LIMIT_BYTES, refused before GraphQL sees it. */
  | "PAYLOAD_TOO_LARGE"
  /** Anything unexpected, masked (src/format-error.ts). */
  | "INTERNAL_SERVER_ERROR"
  | DocumentRefusalCode;

/** Why a request's document is not run (src/trusted-documents/); each has its own HTTP status. */
export type DocumentRefusalCode =
  "PERSISTED_QUERY_NOT_FOUND" | "PERSISTED_QUERY_NOT_TRUSTED" | "PERSISTED_QUERY_INVALID" | "BAD_REQUEST";

abstract class CodedError extends GraphQLError {
  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/** No valid credentials: missing where required, expired, forged, or wrong password. */
export class UnauthenticatedError extends CodedError {
  constructor(message = "You must be signed in to do this") {
    super(message, "UNAUTHENTICATED");
  }
}

/** The token verifies, but its account was deleted: nothing to show, and nobody to show it to. */
export class DeletedAccountError extends UnauthenticatedError {
  constructor() {
    super("The signed-in account no longer exists");
  }
}

/** A token that cannot be accepted at all: the whole HTTP request is refused with 401. */
export class InvalidTokenError extends CodedError {
  constructor(message: string) {
    super(message, "UNAUTHENTICATED", { http: { status: 401 } });
  }
}

/**
 * A well-formed token past its expiry: the one failure that a refreshed token
 * fixes. The same 401 over HTTP; a websocket tells it apart (src/ws/close-codes.ts).
 */
export class ExpiredTokenError extends InvalidTokenError {
  constructor() {
    super("The token has expired: sign in again");
  }
}

/** An authorization value that is not `Bearer <token>` at all: a client's mistake, not a token's. */
export class MalformedAuthorizationError extends InvalidTokenError {}

/** Signed in, but the account type or ownership does not allow it. */
export class ForbiddenError extends CodedError {
  constructor(message = "Your account may not do this") {
    super(message, "FORBIDDEN");
  }
}

/** Input the client can fix; `field` names the offending input field. */
export class BadUserInputError extends CodedError {
  constructor(message: string, field?: string) {
    super(message, "BAD_USER_INPUT", field ? { field } : {});
  }
}

/**
 * A resume cursor (`after` on an item subscription) that cannot be honoured:
 * malformed, tampered, another account's or another stream's, or older than
 * the replay window. One message for all of them: the fix is the same.
 */
export class StreamResumeRefusedError extends BadUserInputError {
  constructor(stream: string) {
    super(
      `Cannot resume ${stream} from this cursor (it is malformed, for another stream, or older than the replay ` +
        "window): refetch the list, then subscribe without after, or with a streamCursor from it",
      "after",
    );
  }
}

/** A missing id, or one that belongs to someone else: the two look the same on purpose. */
export class NotFoundError extends CodedError {
  constructor(kind: string, id: string | number) {
    super(`${kind} '${id}' does not exist`, "NOT_FOUND");
  }
}

/** A dependency (database, Redis) is not answering; trying again later can work. */
export class ServiceUnavailableError extends CodedError {
  constructor(message: string) {
    super(message, "SERVICE_UNAVAILABLE");
  }
}

/**
 * A rate limit or the sign-in throttle refused: over HTTP a 429 with
 * `Retry-After` (Apollo reads `extensions.http` of execution errors too);
 * over graphql-ws, src/format-error.ts drops `http` like every other error's.
 */
export class TooManyRequestsError extends CodedError {
  constructor(message: string, retryAfterSeconds: number) {
    const http = { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) };
    super(message, "TOO_MANY_REQUESTS", { retryAfterSeconds, http });
  }
}

/**
 * A request whose document the gateway will not run: an unknown hash (404), a
 * document not in the trusted documents (403), a malformed hash or envelope (400).
 * `status` is the HTTP answer; over graphql-ws it is an `error` message.
 */
export class DocumentRefusedError extends CodedError {
  constructor(
    message: string,
    code: DocumentRefusalCode,
    readonly status: 400 | 403 | 404,
  ) {
    super(message, code);
  }
}
