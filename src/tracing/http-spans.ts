import type { IncomingMessage } from "node:http";
import {
  defaultTextMapGetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
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
import type { TraceParent } from "../trace-parent";
import { RequestSpans } from "./request-spans";
import { isSampled } from "./sampled";

/** The methods the HTTP conventions name; any other is `_OTHER` (Node's parser accepts only a fixed set anyway). */
const KNOWN_METHODS = new Set(["CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE"]);

export interface HttpServerSpans {
  /** First (after the health routes): starts the request's SERVER span, ended when the response is done. */
  readonly start: RequestHandler;
  /**
   * The request's TraceParent, for its context (and so its loaders, queries and
   * services, and the GraphQL phases' spans); null when it is not sampled or
   * was not traced (a health probe).
   */
  traceOf(req: IncomingMessage): TraceParent | null;
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
  const sampled = new WeakMap<IncomingMessage, RequestSpans>();
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
      // Not sampled: nothing under it would be recorded, so the request gets no TraceParent
      // (no phases, no statements look for one) and nothing waits for its end.
      if (!isSampled(span)) {
        next();
        return;
      }
      sampled.set(req, new RequestSpans(span));
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
    traceOf: (req) => sampled.get(req)?.traceParent ?? null,
  };
}
