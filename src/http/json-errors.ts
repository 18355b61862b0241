import type { ErrorRequestHandler, Response } from "express";
import type { ErrorCode } from "../errors";
import type { Logger } from "../logger";

/**
 * Errors raised before GraphQL sees the request (a body over the size limit,
 * malformed JSON) answered as GraphQL-shaped JSON with a 4xx, never express's
 * HTML page with a stack trace. `onAnswered` hears each code sent (the metrics).
 */
export function jsonErrorHandler(
  loggerOf: (res: Response) => Logger,
  onAnswered?: (code: ErrorCode) => void,
): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      error?.type === "entity.too.large"
        ? `The request body is larger than the limit of ${error.limit} bytes`
        : error?.type === "entity.parse.failed"
          ? "The request body is not valid JSON"
          : status < 500
            ? "The request could not be read"
            : "Internal server error";
    if (status >= 500) loggerOf(res).error({ err: error }, "unexpected error before GraphQL");
    const code: ErrorCode =
      status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    onAnswered?.(code);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
