import type { Config } from "../config";

/** Where `GET /metrics` is served, decided once from the config. */
export interface MetricsExposure {
  /** On the main port: to anyone, only with the bearer token, or not at all (404). */
  readonly mainPort: "open" | "token" | "none";
  /** On a port of its own (METRICS_PORT): to anyone who reaches that port, or only with the token. */
  readonly ownPort: "open" | "token" | "none";
  /** Logged once at start-up when production serves the metrics nowhere. */
  readonly warning: string | null;
}

/**
 * - METRICS_ENABLED=false: nowhere.
 * - METRICS_PORT: on that port only (the main port answers 404), with the token when METRICS_TOKEN is set.
 * - METRICS_TOKEN alone: on the main port, to `Authorization: Bearer <token>` only, in any NODE_ENV.
 * - Neither: on the main port in development and test; nowhere in production (never on the public
 *   port by default), with a warning that says how to serve them.
 */
export function metricsExposure(config: Pick<Config, "nodeEnv" | "metrics">): MetricsExposure {
  const { enabled, port, token } = config.metrics;
  if (!enabled) return { mainPort: "none", ownPort: "none", warning: null };
  const guarded = token === null ? "open" : "token";
  if (port !== null) return { mainPort: "none", ownPort: guarded, warning: null };
  if (token !== null) return { mainPort: "token", ownPort: "none", warning: null };
  if (config.nodeEnv !== "production") return { mainPort: "open", ownPort: "none", warning: null };
  return {
    mainPort: "none",
    ownPort: "none",
    warning:
      "metrics are recorded but not served: with NODE_ENV=production, GET /metrics needs METRICS_PORT " +
      "(a port of its own, e.g. 9464) or METRICS_TOKEN (a bearer token of 16 or more characters, on the main port); " +
      "METRICS_ENABLED=false turns them off",
  };
}
