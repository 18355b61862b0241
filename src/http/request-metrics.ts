import type { RequestHandler, Response } from "express";
import type { HttpMetrics, HttpRoute } from "../metrics/http-metrics";
import { PLAYGROUND_ASSETS_PATH } from "./playground";

/**
 * Counts and times every request on the main port once its response is sent
 * (a request the client abandons first is not counted), by a route from a
 * fixed set: the exact paths the gateway serves, everything else `other`.
 * The route is taken before any middleware rewrites the URL.
 */
export function requestMetrics(metrics: HttpMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const route = routeOf(req.path);
    res.once("finish", () => {
      metrics.request(
        route === "/graphql" && servedHtml(res) ? "playground" : route,
        res.statusCode,
        Number(process.hrtime.bigint() - started) / 1e9,
      );
    });
    next();
  };
}

const EXACT_ROUTES = new Set<HttpRoute>(["/graphql", "/health/live", "/health/ready", "/metrics"]);

export function routeOf(path: string): HttpRoute {
  if (EXACT_ROUTES.has(path as HttpRoute)) return path as HttpRoute;
  if (path.startsWith(`${PLAYGROUND_ASSETS_PATH}/`)) return "playground";
  return "other";
}

/** GET /graphql answers a browser with the playground's page. */
function servedHtml(res: Response): boolean {
  return String(res.getHeader("content-type") ?? "").startsWith("text/html");
}
