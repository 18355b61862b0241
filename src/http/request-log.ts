import type http from "node:http";
import { performance } from "node:perf_hooks";
import type { Request, RequestHandler, Response } from "express";
import type { Context } from "../context";
import type { Logger } from "../logger";
import { durationSince, errorCodesOf, loggedOperationName, type OperationOutcome } from "../logging/operation-fields";
import { requestIdFrom } from "../logging/request-id";

export const REQUEST_ID_HEADER = "X-Request-Id";
const MAX_LOGGED_PATH = 200;
const MAX_LOGGED_USER_AGENT = 200;
/** Error bodies are small; a larger body is not read for its codes. */
const MAX_ERROR_BODY_READ = 64 * 1024;

/** What Apollo's plugin (operation-log.plugin.ts) learns of a GraphQL request, for its log line. */
export interface OperationReport {
  /** Apollo's request pipeline ran for it (the plugin filled in the fields below). */
  reported: boolean;
  operationName: string | null;
  operationType: string | null;
  viewerId: number | null;
  /** Execution started: the document passed every gate (limits, cost, rate limits). */
  executed: boolean;
  /** The `extensions.code`s of the errors sent; null until known. */
  errorCodes: string[] | null;
}

/** One HTTP request, from the first middleware to its line. */
export interface RequestLogEntry {
  readonly requestId: string;
  /** The app's logger with `{ requestId }`. */
  readonly logger: Logger;
}

interface RequestState extends RequestLogEntry {
  readonly startedAt: number;
  /** Set on the /graphql route: the request is a GraphQL operation and gets that line. */
  operation: OperationReport | null;
}

export interface HttpRequestLog {
  /**
   * First in the chain: gives the request its id (the caller's `X-Request-Id` when sane, else
   * a fresh one), returns it in the `X-Request-Id` header of every response, and writes the
   * request's line when the response ends: an operation's on /graphql, one per other route
   * (health checks at debug).
   */
  readonly middleware: RequestHandler;
  /** On the /graphql route, before anything reads the body: makes the request's line an operation's. */
  readonly graphqlRoute: RequestHandler;
  /** The request's id and logger (for its Context and anything else that logs about it). */
  entryOf(res: http.ServerResponse): RequestLogEntry;
  /** The report of the request a Context was made for (undefined for a websocket's). */
  reportFor(context: Context): OperationReport | undefined;
}

/**
 * One line per HTTP request, built by the composition root for its app (nothing is shared
 * between apps). No line holds variables, a document, a body or a header other than the
 * user agent.
 */
export function createHttpRequestLog(logger: Logger): HttpRequestLog {
  const requests = new WeakMap<http.ServerResponse, RequestState>();
  // Apollo hands its plugins a shallow copy of the context: the report is found by the
  // request's own child logger, which every copy shares.
  const reports = new WeakMap<Logger, OperationReport>();

  const entryOf = (res: http.ServerResponse): RequestState => {
    let state = requests.get(res);
    if (!state) {
      const requestId = requestIdFrom(res.req?.headers["x-request-id"]);
      state = { requestId, logger: logger.child({ requestId }), startedAt: performance.now(), operation: null };
      requests.set(res, state);
    }
    return state;
  };

  return {
    middleware(req, res, next) {
      const state = entryOf(res);
      res.setHeader(REQUEST_ID_HEADER, state.requestId);
      // Taken now: a router mounted on a path rewrites req.url while it handles the request.
      const path = req.path;
      res.once("close", () => writeLine(state, req, res, path));
      next();
    },

    graphqlRoute(_req, res, next) {
      const report: OperationReport = {
        reported: false,
        operationName: null,
        operationType: null,
        viewerId: null,
        executed: false,
        errorCodes: null,
      };
      const state = entryOf(res);
      state.operation = report;
      reports.set(state.logger, report);
      noteErrorCodesOfRefusals(res, report);
      next();
    },

    entryOf,
    reportFor: (context) => reports.get(context.logger),
  };
}

function writeLine(state: RequestState, req: Request, res: Response, requestPath: string): void {
  const common = {
    method: req.method,
    status: res.statusCode,
    durationMs: durationSince(state.startedAt),
    userAgent: bounded(req.headers["user-agent"], MAX_LOGGED_USER_AGENT),
    // The client went away before the response was sent, or before it had sent its request (an
    // answer may still reach the kernel then: a 400 for the body it cut off, which nobody reads).
    ...(res.writableFinished && !req.readableAborted ? {} : { aborted: true }),
  };
  const operation = state.operation;
  if (operation) {
    state.logger.info(
      {
        transport: "http",
        operationName: operation.reported ? operation.operationName : operationNameOfRequest(req),
        operationType: operation.operationType,
        viewerId: operation.viewerId,
        outcome: outcomeOf(operation),
        errorCodes: operation.errorCodes ?? [],
        ...common,
      },
      "graphql operation",
    );
    return;
  }
  const path = bounded(requestPath, MAX_LOGGED_PATH);
  if (requestPath.startsWith("/health/")) state.logger.debug({ path, ...common }, "http request");
  else state.logger.info({ path, ...common }, "http request");
}

function outcomeOf(operation: OperationReport): OperationOutcome {
  if (!operation.executed) return "rejected";
  return operation.errorCodes && operation.errorCodes.length > 0 ? "errors" : "ok";
}

/** For a request refused before Apollo read it: the name it asked for, checked like any other. */
function operationNameOfRequest(req: Request): string | null {
  const body: unknown = req.body;
  if (typeof body === "object" && body !== null && "operationName" in body) {
    return loggedOperationName((body as { operationName: unknown }).operationName);
  }
  if (req.method === "GET") {
    const questionMark = req.url.indexOf("?");
    if (questionMark >= 0)
      return loggedOperationName(new URLSearchParams(req.url.slice(questionMark + 1)).get("operationName"));
  }
  return null;
}

/**
 * Some refusals are answered before any Apollo plugin hook runs: Apollo's CSRF check, a
 * context that cannot be made (a forged token) or a batch, and in front of Apollo the
 * trusted-documents middleware and the JSON error handler. Each answers a small JSON error
 * body through `res.send` (which `res.json` calls): its codes are read from there, and only
 * when the plugin has not reported them.
 */
function noteErrorCodesOfRefusals(res: Response, report: OperationReport): void {
  const send = res.send;
  res.send = function sendNotingErrorCodes(this: Response, body?: unknown) {
    if (report.errorCodes === null && res.statusCode >= 400) report.errorCodes = errorCodesInBody(body);
    return send.call(this, body);
  } as Response["send"];
}

function errorCodesInBody(body: unknown): string[] | null {
  // res.json's object comes back through res.send as its JSON text: that is read.
  if (typeof body !== "string" && !Buffer.isBuffer(body)) return null;
  if (body.length > MAX_ERROR_BODY_READ) return [];
  try {
    const errors = (JSON.parse(body.toString()) as { errors?: unknown } | null)?.errors;
    return Array.isArray(errors) ? errorCodesOf(errors) : [];
  } catch {
    return [];
  }
}

function bounded(value: string | undefined, max: number): string | null {
  if (value === undefined) return null;
  return value.length > max ? `${value.slice(0, max)}...` : value;
}
