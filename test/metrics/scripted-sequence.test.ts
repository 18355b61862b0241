import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, print } from "graphql";
import type { Client } from "graphql-ws";
import WebSocket from "ws";
import type { App } from "../../src/app";
import { sha256Hex } from "../../src/trusted-documents/document-hash";
import {
  DashboardDocument,
  MessageReceivedDocument,
  SendMessageDocument,
  ViewerDocument,
} from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { postGraphQL, request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { metricsUrlOf, scrape, type Scrape } from "../support/metrics-scrape";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The scripted sequence against a fresh gateway, then the exact
 * metric values it must leave: queries, one refused document per reason on
 * each transport, mutations, a subscription that receives its event, and a
 * slow subscriber dropped. Trusted documents are required (production's
 * policy), with this file's own documents in an extra manifest.
 */

const QUEUE_LIMIT = 5;
/** Thirty aliases of a 5,000-character body: about 150 KB per event, so a client that stops reading stalls soon. */
const SLOW = print(
  parse(`subscription Slow { messageReceived { ${Array.from({ length: 30 }, (_, i) => `b${i}: body`).join(" ")} } }`),
);
const UNTRUSTED = "query NotInAnyManifest { viewer { id name } }";
/** One value more than MAX_VARIABLE_VALUES (the array and its 1,000 items). */
const OVERSIZED_VARIABLES = { junk: Array.from({ length: 1000 }, (_, i) => i) };
/** The Dashboard costs 642: each account may run three a minute, and is refused the fourth. */
const COST_BUDGET = 2500;

let database: TestDatabase;
let manifestDir: string;
let app: App;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
let talent: TestUser;
let director: TestUser;
let spammer: TestUser;
const clients: Client[] = [];
let scrapes = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  manifestDir = fs.mkdtempSync(path.join(os.tmpdir(), "metrics-manifest-"));
  const manifest = path.join(manifestDir, "scripted.json");
  const documents = [DashboardDocument, MessageReceivedDocument, SendMessageDocument, ViewerDocument].map((document) =>
    print(document),
  );
  fs.writeFileSync(
    manifest,
    JSON.stringify(Object.fromEntries([...documents, SLOW].map((text) => [sha256Hex(text), text]))),
  );
  ({ app, logger } = await startTestApp(
    testConfig(database.config, {
      TRUSTED_DOCUMENTS: "require",
      TRUSTED_DOCUMENTS_MANIFESTS: manifest,
      RATE_LIMITS: "on",
      RATE_LIMIT_COST_PER_ACCOUNT: String(COST_BUDGET),
      RATE_LIMIT_WRITES_PER_ACCOUNT: "1000",
      RATE_LIMIT_WRITES_PER_ADDRESS: "2000",
      WS_MAX_QUEUED_EVENTS: String(QUEUE_LIMIT),
    }),
  ));
  const f = fixtures(app.db);
  [talent, director, spammer] = [await f.talent("Avery"), await f.director("Dana"), await f.talent("Sam")];
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.stop();
  await database.drop();
  fs.rmSync(manifestDir, { recursive: true, force: true });
});

/** Every scrape is itself a request to /metrics, counted by the next one: the test keeps count. */
async function metricsNow(): Promise<Scrape> {
  scrapes += 1;
  return scrape(metricsUrlOf(app.url));
}

async function metricsOnce(check: (metrics: Scrape) => boolean, what: string): Promise<Scrape> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const metrics = await metricsNow();
    if (check(metrics)) return metrics;
    if (Date.now() > deadline) throw new Error(`the metrics never showed ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const active = (metrics: Scrape, field: string) =>
  metrics.value("gateway_graphql_active_subscriptions", { field }) ?? Number.NaN;

function client(user: TestUser): Client {
  const created = liveClient(app.url, user.token);
  clients.push(created);
  return created;
}

/** A graphql-ws socket driven by hand: it subscribes to SLOW, then stops reading. */
async function slowSubscriber(user: TestUser): Promise<WebSocket> {
  const socket = new WebSocket(app.url.replace(/^http/, "ws"), "graphql-transport-ws");
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  socket.on("error", () => undefined);
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${user.token}` } }));
  await new Promise((resolve) => socket.once("message", resolve));
  socket.send(JSON.stringify({ id: "slow", type: "subscribe", payload: { query: SLOW } }));
  return socket;
}

const sendMessage = async (body: string) => {
  const response = await request(
    app.url,
    SendMessageDocument,
    { input: { toUserId: String(talent.user.id), body } },
    { token: director.token },
  );
  expect(response.errors).toBeUndefined();
};

const dropped = () => logger.lines.some((line) => line.msg === "dropped a subscriber that stopped reading");

describe(`the metrics after a scripted sequence (${testEngine})`, () => {
  it("count every operation, refusal, error, push and drop exactly", async () => {
    // Queries: the talent's three Dashboards, and the spammer's three, its budget's worth.
    for (const user of [talent, talent, talent, spammer, spammer, spammer]) {
      expect((await request(app.url, DashboardDocument, {}, { token: user.token })).errors).toBeUndefined();
    }

    // One refusal per reason, over HTTP, then over graphql-ws.
    const overBudget = await request(app.url, DashboardDocument, {}, { token: spammer.token });
    expect([overBudget.status, overBudget.errors?.[0]?.extensions?.code]).toEqual([429, "TOO_MANY_REQUESTS"]);
    const overLimit = await postGraphQL(app.url, print(ViewerDocument), OVERSIZED_VARIABLES, { token: talent.token });
    expect([overLimit.status, overLimit.errors?.[0]?.extensions?.code]).toEqual([400, "OPERATION_LIMIT_EXCEEDED"]);
    const untrusted = await postGraphQL(app.url, UNTRUSTED, {}, { token: talent.token });
    expect([untrusted.status, untrusted.errors?.[0]?.extensions?.code]).toEqual([403, "PERSISTED_QUERY_NOT_TRUSTED"]);

    const talentLive = client(talent);
    const codeOf = async (ended: Promise<unknown>) =>
      ((await ended) as Array<{ extensions?: { code?: string } }>)[0]?.extensions?.code;
    expect(await codeOf(subscribe(client(spammer), DashboardDocument).ended)).toBe("TOO_MANY_REQUESTS");
    expect(await codeOf(subscribe(talentLive, print(ViewerDocument), OVERSIZED_VARIABLES).ended)).toBe(
      "OPERATION_LIMIT_EXCEEDED",
    );
    expect(await codeOf(subscribe(talentLive, UNTRUSTED).ended)).toBe("PERSISTED_QUERY_NOT_TRUSTED");

    // A subscription receives a message the director sends (a mutation).
    const messages = subscribe(talentLive, MessageReceivedDocument);
    await metricsOnce((metrics) => active(metrics, "messageReceived") === 1, "the subscription running");
    await sendMessage("Are you free on Thursday?");
    expect((await messages.next()).data?.messageReceived).toBeDefined();

    // A slow subscriber: it stops reading, messages are sent one at a time until it is dropped. The running
    // subscription hears each one in the same delivery, so when it has, the slow one has been pushed it too.
    const slow = await slowSubscriber(talent);
    await metricsOnce((metrics) => active(metrics, "messageReceived") === 2, "the slow subscription running");
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    let sentToSlow = 0;
    while (!dropped()) {
      if (sentToSlow === 300) throw new Error("300 messages and the subscriber that stopped reading is still there");
      await sendMessage("x".repeat(5000));
      sentToSlow += 1;
      expect((await messages.next()).data?.messageReceived).toBeDefined();
    }
    slow.terminate();
    await Promise.all(clients.splice(0).map((live) => live.dispose()));

    const metrics = await metricsOnce(
      (current) =>
        current.value("gateway_websocket_connections") === 0 &&
        current.value("gateway_outbox_unrelayed_events") === 0 &&
        current.series("gateway_graphql_active_subscriptions").every((series) => series.value === 0),
      "every socket closed and every event relayed",
    );
    const sends = 1 + sentToSlow;
    // The slow subscriber took what it was pushed but the queue (QUEUE_LIMIT) and the push that overflowed it.
    const takenBySlow = sentToSlow - QUEUE_LIMIT - 1;

    const operation = (name: string, type: string, transport: string, outcome: string) =>
      `operation_name=${name},operation_type=${type},transport=${transport},outcome=${outcome}`;
    expect(nonZero(metrics, "gateway_graphql_operations_total")).toEqual({
      [operation("Dashboard", "query", "http", "success")]: 6,
      [operation("Dashboard", "query", "http", "rejected")]: 1,
      [operation("Dashboard", "query", "ws", "rejected")]: 1,
      // Refused in Apollo once the operation was identified: its name is known.
      [operation("Viewer", "query", "http", "rejected")]: 1,
      // Refused before the document was read: the untrusted one (both transports), the variables over graphql-ws.
      [operation("unknown", "unknown", "http", "rejected")]: 1,
      [operation("unknown", "unknown", "ws", "rejected")]: 2,
      [operation("SendMessage", "mutation", "http", "success")]: sends,
      [operation("MessageReceived", "subscription", "ws", "success")]: 1,
      [operation("Slow", "subscription", "ws", "success")]: 1,
    });
    // Each operation timed once: every histogram's _count is its counter.
    expect(nonZero(metrics, "gateway_graphql_operation_duration_seconds")).toEqual(
      nonZero(metrics, "gateway_graphql_operations_total"),
    );

    expect(nonZero(metrics, "gateway_graphql_rejected_total")).toEqual({
      "reason=limit,transport=http": 1,
      "reason=limit,transport=ws": 1,
      "reason=untrusted,transport=http": 1,
      "reason=untrusted,transport=ws": 1,
      "reason=rate_limit,transport=http": 1,
      "reason=rate_limit,transport=ws": 1,
    });
    expect(nonZero(metrics, "gateway_graphql_errors_total")).toEqual({
      "code=TOO_MANY_REQUESTS,transport=http": 1,
      "code=TOO_MANY_REQUESTS,transport=ws": 1,
      "code=OPERATION_LIMIT_EXCEEDED,transport=http": 1,
      "code=OPERATION_LIMIT_EXCEEDED,transport=ws": 1,
      "code=PERSISTED_QUERY_NOT_TRUSTED,transport=http": 1,
      "code=PERSISTED_QUERY_NOT_TRUSTED,transport=ws": 1,
    });

    expect(nonZero(metrics, "gateway_http_requests_total")).toEqual({
      "route=/graphql,status=200": 6 + sends,
      "route=/graphql,status=400": 1,
      "route=/graphql,status=403": 1,
      "route=/graphql,status=429": 1,
      // Every scrape before this one.
      "route=/metrics,status=200": scrapes - 1,
    });
    expect(metrics.count("gateway_http_request_duration_seconds", { route: "/graphql" })).toBe(9 + sends);

    expect(nonZero(metrics, "gateway_live_events_published_total")).toEqual({
      "type=MESSAGE_SENT": sends,
      "type=COUNTS_CHANGED": sends,
    });
    expect(nonZero(metrics, "gateway_live_events_delivered_total")).toEqual({
      "field=messageReceived": sends + takenBySlow,
    });
    expect(metrics.count("gateway_live_delivery_delay_seconds", { field: "messageReceived" })).toBe(
      sends + takenBySlow,
    );
    expect(nonZero(metrics, "gateway_live_subscribers_dropped_total")).toEqual({ "field=messageReceived": 1 });
    expect(nonZero(metrics, "gateway_live_events_dropped_total")).toEqual({
      "field=messageReceived": QUEUE_LIMIT + 1,
    });

    // Back to 0 once closed: sockets, subscriptions, the relay's backlog.
    expect(metrics.value("gateway_websocket_connections")).toBe(0);
    expect(nonZero(metrics, "gateway_graphql_active_subscriptions")).toEqual({});
    expect(metrics.value("gateway_outbox_unrelayed_events")).toBe(0);
    expect(metrics.value("gateway_db_pool_waiting_requests")).toBe(0);
    expect(metrics.value("gateway_db_pool_connections", { state: "in_use" })).toBe(0);
    expect(metrics.value("gateway_event_bus_connected", { connection: "publisher" })).toBe(1);
    expect(metrics.value("gateway_event_bus_connected", { connection: "subscriber" })).toBe(1);
    expect(nonZero(metrics, "gateway_event_bus_reconnects_total")).toEqual({});
  });
});

/** A family's series that are not 0, keyed by their labels in order: an exact picture of what happened. */
function nonZero(metrics: Scrape, name: string): Record<string, number> {
  return Object.fromEntries(
    metrics
      .series(name)
      .filter((series) => series.value !== 0)
      .map((series) => [
        Object.entries(series.labels)
          .map(([key, value]) => `${key}=${value}`)
          .join(","),
        series.value,
      ]),
  );
}
