import { Counter, Histogram, type Registry } from "prom-client";

/**
 * The `route` label: a fixed set, never the raw path (every distinct path
 * would be a series). `playground` is the GraphiQL page and its files.
 */
export type HttpRoute = "/graphql" | "playground" | "/health/live" | "/health/ready" | "/metrics" | "other";

export interface HttpMetrics {
  request(route: HttpRoute, status: number, seconds: number): void;
}

const REQUEST_SECONDS_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export function createHttpMetrics(registry: Registry): HttpMetrics {
  const requests = new Counter({
    name: "gateway_http_requests_total",
    help: "HTTP requests answered on the main port, by route (/graphql, playground, /health/live, /health/ready, /metrics, other) and status code.",
    labelNames: ["route", "status"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "gateway_http_request_duration_seconds",
    help: "Time from an HTTP request's arrival to its response being sent, by route.",
    labelNames: ["route"] as const,
    buckets: REQUEST_SECONDS_BUCKETS,
    registers: [registry],
  });
  return {
    request(route, status, seconds) {
      requests.inc({ route, status: String(status) });
      durations.observe({ route }, seconds);
    },
  };
}
