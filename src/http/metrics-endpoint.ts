import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";

/** What the endpoint serves: the rendered metrics and their Content-Type. */
export interface MetricsSource {
  readonly contentType: string;
  render(): Promise<string>;
}

/** Answers the request and returns true when it is `GET /metrics`; otherwise leaves it alone and returns false. */
export type MetricsRequestHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * `GET /metrics` (or HEAD), on the main port or a port of its own. The path
 * must be exactly `/metrics` as sent, before any decoding (a query string is
 * allowed and ignored): `/metrics/`, `/METRICS` or `/%6detrics` are not the
 * endpoint, whatever express's case-insensitive routing would make of them,
 * so no spelling reaches the metrics around the token.
 *
 * With a token, only `Authorization: Bearer <token>` is served (the scheme is
 * case-insensitive, as HTTP's schemes are): a missing or wrong one is 401 with
 * nothing about why, compared in constant time (SHA-256 of both, so their
 * lengths do not show either). A token in the query string is no token.
 */
export function metricsRequestHandler(metrics: MetricsSource, token: string | null): MetricsRequestHandler {
  const expected = token === null ? null : sha256(token);
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const url = req.url ?? "";
    const query = url.indexOf("?");
    if ((query < 0 ? url : url.slice(0, query)) !== "/metrics") return false;
    res.setHeader("cache-control", "no-store");
    if (expected !== null && !bearerMatches(req.headers.authorization, expected)) {
      res.writeHead(401, { "content-type": "text/plain; charset=utf-8", "www-authenticate": 'Bearer realm="metrics"' });
      res.end("Unauthorized\n");
      return true;
    }
    metrics.render().then(
      (body) => {
        res.writeHead(200, { "content-type": metrics.contentType });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      () => {
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end("The metrics could not be collected\n");
      },
    );
    return true;
  };
}

/** The endpoint on the main port, in front of every route: anything but `GET /metrics` passes on. */
export function metricsMiddleware(handle: MetricsRequestHandler): RequestHandler {
  return (req, res, next) => {
    if (!handle(req, res)) next();
  };
}

const BEARER = /^bearer[ \t]+([^ \t]+)[ \t]*$/i;

function bearerMatches(authorization: string | undefined, expected: Buffer): boolean {
  const given = authorization === undefined ? undefined : BEARER.exec(authorization)?.[1];
  return given !== undefined && timingSafeEqual(sha256(given), expected);
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
