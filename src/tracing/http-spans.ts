import type { IncomingMessage } from "node:http";
import {
  context,
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  type Context,
  type TextMapPropagator,
  type Tracer,
} from "@opentelemetry/api";
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_METHOD_ORIGINAL,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_NETWORK_PROTOCOL_VERSION,
  ATTR_URL_SCHEME,
} from "@opentelemetry/semantic-conventions";
import type { RequestHandler } from "express";
import { withRequestSpans } from "./request-spans";
import { isSampled } from "./sampled";

/** The methods the HTTP conventions name; any other is `_OTHER` (Node's parser accepts only a fixed set anyway). */
const KNOWN_METHODS = new Set(["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"]);

export interface HttpServerSpans {
  /** First (after the health routes): starts the request's SERVER span, ended when the response is done. */
  readonly start: RequestHandler;
  /**
   * Just before Apollo: runs the rest of the request in the span's context. Not
   * at the start, because the body is read in the socket's callbacks, which
   * would lose the context; after express.json nothing waits on the socket.
   */
  readonly activate: RequestHandler;
}

/**
 * One SERVER span per HTTP request, continuing the caller's trace when its
 * `traceparent` (and `tracestate`) is valid W3C Trace Context; anything else
 * (a wrong version, all-zero ids, extra fields, two headers) starts a new
 * trace, and the request is served either way. The route is one of `routes`
 * or none (the span is then named by its method alone): the raw path, and the
 * query string that a GET request's variables travel in, are never recorded.
 * The response carries no trace header. An unsampled request keeps its span
 * (it is the sampler's decision) and nothing more.
 */
export function httpServerSpans(
  tracer: Tracer,
  propagator: TextMapPropagator,
  routes: readonly string[],
): HttpServerSpans {
  const contexts = new WeakMap<IncomingMessage, Context>();
  return {
    start(req, res, next) {
      const parent = propagator.extract(ROOT_CONTEXT, req.headers, defaultTextMapGetter);
      const method = KNOWN_METHODS.has(req.method) ? req.method : "_OTHER";
      const path = req.path.length > 1 ? req.path.replace(/\/$/, "") : req.path;
      const route = routes.find((candidate) => candidate === path);
      const span = tracer.startSpan(
        route ? `${method} ${route}` : method,
        {
          kind: SpanKind.SERVER,
          attributes: {
            [ATTR_HTTP_REQUEST_METHOD]: method,
            ...(method === "_OTHER" ? { [ATTR_HTTP_REQUEST_METHOD_ORIGINAL]: req.method } : {}),
            ...(route ? { [ATTR_HTTP_ROUTE]: route } : {}),
            [ATTR_URL_SCHEME]: req.protocol,
            [ATTR_NETWORK_PROTOCOL_VERSION]: req.httpVersion,
          },
        },
        parent,
      );
      // Not sampled: nothing under it would be recorded, so the request runs in no context of
      // its own (no phases, no statements look for one) and nothing waits for its end.
      if (!isSampled(span)) {
        next();
        return;
      }
      contexts.set(req, withRequestSpans(parent, { server: span, phase: null }));
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
        // The HTTP conventions: a server span fails on 5xx only; a 4xx is the client's.
        if (res.statusCode >= 500) {
          span.setAttribute(ATTR_ERROR_TYPE, String(res.statusCode));
          span.setStatus({ code: SpanStatusCode.ERROR });
        }
        span.end();
      };
      res.once("finish", end);
      res.once("close", end);
      next();
    },
    activate(req, _res, next) {
      const requestContext = contexts.get(req);
      if (requestContext) context.with(requestContext, next);
      else next();
    },
  };
}
