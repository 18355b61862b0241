import { Registry } from "prom-client";
import type { EventBusObserver, LiveObserver } from "../live/live-observer";
import { createDatabaseMetrics, type DatabaseMetrics } from "./database-metrics";
import { createEventBusMetrics } from "./event-bus-metrics";
import { createGraphQLMetrics, type GraphQLMetrics } from "./graphql-metrics";
import { createHttpMetrics, type HttpMetrics } from "./http-metrics";
import { createLiveMetrics, LIVE_FIELDS } from "./live-metrics";
import { startRuntimeMetrics } from "./runtime-metrics";
import { createWebSocketMetrics, type WebSocketMetrics } from "./websocket-metrics";

/** One app's metrics: its own registry and typed instruments for every part that reports. */
export interface GatewayMetrics {
  readonly graphql: GraphQLMetrics;
  readonly http: HttpMetrics;
  readonly websocket: WebSocketMetrics;
  readonly live: LiveObserver;
  readonly eventBus: EventBusObserver;
  readonly database: DatabaseMetrics;
  /** The Prometheus text format's Content-Type, from the registry. */
  readonly contentType: string;
  /** Reads what is read at scrape time (the pool, the relay backlog), then renders every metric. */
  render(): Promise<string>;
  /** Stops what the metrics started (the event-loop monitor, the GC observer). */
  stop(): void;
}

/**
 * Builds the metrics of one app, in a registry of its own: never
 * prom-client's global one, since several apps run side by side in one
 * test process (and one app's numbers must not leak into another's).
 */
export function createGatewayMetrics(options: {
  /** The trusted documents' operation names: always labelled as they are. */
  trustedOperationNames: ReadonlySet<string>;
  /** METRICS_MAX_OPERATION_NAMES: other names kept from documents before they fold into `other`. */
  maxOperationNames: number;
}): GatewayMetrics {
  const registry = new Registry();
  const stopRuntime = startRuntimeMetrics(registry);
  const database = createDatabaseMetrics(registry);
  return {
    graphql: createGraphQLMetrics(registry, options),
    http: createHttpMetrics(registry),
    websocket: createWebSocketMetrics(registry, LIVE_FIELDS),
    live: createLiveMetrics(registry),
    eventBus: createEventBusMetrics(registry),
    database,
    contentType: registry.contentType,
    async render() {
      await database.refresh();
      return registry.metrics();
    },
    stop: stopRuntime,
  };
}
