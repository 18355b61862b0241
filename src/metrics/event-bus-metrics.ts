import { Counter, Gauge, type Registry } from "prom-client";
import type { BusConnection, EventBusObserver } from "../live/live-observer";

const CONNECTIONS: readonly BusConnection[] = ["publisher", "subscriber"];

export function createEventBusMetrics(registry: Registry): EventBusObserver {
  const connected = new Gauge({
    name: "gateway_event_bus_connected",
    help: "1 while the event bus connection (publisher, subscriber) is up, 0 while it is not; the in-process bus (no REDIS_URL) reports 1 for both.",
    labelNames: ["connection"] as const,
    registers: [registry],
  });
  const reconnects = new Counter({
    name: "gateway_event_bus_reconnects_total",
    help: "Times an event bus connection came back after being lost, by connection.",
    labelNames: ["connection"] as const,
    registers: [registry],
  });
  for (const connection of CONNECTIONS) {
    connected.set({ connection }, 0);
    reconnects.inc({ connection }, 0);
  }
  return {
    connectionChanged: (connection, up) => connected.set({ connection }, up ? 1 : 0),
    reconnected: (connection) => reconnects.inc({ connection }),
  };
}
