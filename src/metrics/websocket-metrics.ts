import { Gauge, type Registry } from "prom-client";

export interface WebSocketMetrics {
  connectionOpened(): void;
  connectionClosed(): void;
  subscriptionStarted(field: string): void;
  subscriptionEnded(field: string): void;
}

export function createWebSocketMetrics(registry: Registry, subscriptionFields: readonly string[]): WebSocketMetrics {
  const connections = new Gauge({
    name: "gateway_websocket_connections",
    help: "Open websockets on the GraphQL endpoint, from the upgrade to the close, whatever their state (signed in or not).",
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: "gateway_graphql_active_subscriptions",
    help: "Running subscriptions over graphql-ws, by root field (the schema's Subscription fields).",
    labelNames: ["field"] as const,
    registers: [registry],
  });
  for (const field of subscriptionFields) subscriptions.set({ field }, 0);
  return {
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    subscriptionStarted: (field) => subscriptions.inc({ field }),
    subscriptionEnded: (field) => subscriptions.dec({ field }),
  };
}
