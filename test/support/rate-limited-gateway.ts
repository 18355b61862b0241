import { parse, type GraphQLSchema } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { operationCost } from "../../src/limits/cost";
import { loadConfig } from "../../src/config";
import { buildGatewaySchema } from "../../src/schema/build-schema";
import { startTestApp, testConfig, type StartedTestApp } from "./test-app";
import type { TestDatabase } from "./test-database";

/*
 * Gateways with the rate limits on (testConfig turns them off), and what the
 * rate-limit tests need to count budgets without knowing the cost formula.
 */

let schema: Promise<GraphQLSchema> | undefined;

/** The estimated cost the gateway charges for `query` (src/limits/cost.ts), so tests set budgets in operations. */
export async function costOf(query: string, variables: Record<string, unknown> = {}): Promise<number> {
  const { maxCostNodes } = loadConfig({}).limits;
  const cost = operationCost(await (schema ??= buildGatewaySchema()), parse(query), variables, undefined, maxCostNodes);
  if (cost === null) throw new Error(`no cost for ${query}`);
  return cost;
}

/** A gateway on `database` with RATE_LIMITS=on and the given settings; stop it with `app.stop()`. */
export function startRateLimitedApp(database: TestDatabase, env: Record<string, string>): Promise<StartedTestApp> {
  return startTestApp(testConfig(database.config, { RATE_LIMITS: "on", ...env }));
}

/** A graphql-ws client whose upgrade request carries `headers` (X-Forwarded-For). */
export function liveClientWithHeaders(httpUrl: string, token: string, headers: Record<string, string>): Client {
  class WebSocketWithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocketWithHeaders,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
  });
}

/** Runs one operation over graphql-ws: its result, or the errors of its `error` message. */
export function runOverWebSocket(client: Client, query: string): Promise<{ data?: unknown; errors?: unknown }> {
  return new Promise((resolve) => {
    let result: { data?: unknown; errors?: unknown } = {};
    client.subscribe(
      { query },
      {
        next: (value) => (result = value),
        error: (errors) => resolve({ errors }),
        complete: () => resolve(result),
      },
    );
  });
}
