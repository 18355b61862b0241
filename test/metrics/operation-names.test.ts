import http from "node:http";
import WebSocket from "ws";
import { createOperationNameLabels, MAX_OPERATION_NAME_LENGTH } from "../../src/metrics/operation-name-labels";
import { fixtures, type TestUser } from "../support/fixtures";
import { metricsUrlOf, scrape, type Scrape } from "../support/metrics-scrape";
import { useGateway } from "../support/use-gateway";
import { testEngine } from "../support/test-database";

/*
 * The operation_name label is bounded: an attacker who sends 10,000 made-up
 * operation names, over HTTP or graphql-ws, gets at most METRICS_MAX_OPERATION_NAMES
 * series out of it (the first ones seen); the trusted documents' names are
 * always kept, and a name that is no sane label is folded into `other`.
 */

const CAP = 100;
const ATTACK = 10_000;
/** 10,000 documents over HTTP take 25-30 s on the shared 2-core machine (each is parsed and validated anew). */
const ATTACK_TIMEOUT_MS = 240_000;

const gateway = useGateway({
  env: {
    METRICS_MAX_OPERATION_NAMES: String(CAP),
    // One socket runs the graphql-ws half of the attack as fast as it can.
    WS_MAX_SUBSCRIPTIONS: "1000",
    WS_SUBSCRIBES_PER_SECOND: "10000",
    WS_SUBSCRIBE_BURST: "10000",
  },
});
let talent: TestUser;

beforeAll(async () => {
  talent = await fixtures(gateway.app.db).talent();
});

describe("the operation-name labels", () => {
  it("are the trusted names always, then document names up to the cap, then other", () => {
    const label = createOperationNameLabels(new Set(["Dashboard", "other"]), 2);
    expect(["A", "B", "C", "A", "Dashboard", "D"].map(label)).toEqual(["A", "B", "other", "A", "Dashboard", "other"]);
    expect([null, undefined].map(label)).toEqual(["anonymous", "anonymous"]);
    // A trusted name spelled like a fixed label is its own; anyone else's is folded.
    expect(label("other")).toBe("other");
  });

  it("fold a name that is no GraphQL name, too long, or spelled like a fixed label, without using up the cap", () => {
    const label = createOperationNameLabels(new Set(), 1);
    for (const name of [
      "x".repeat(MAX_OPERATION_NAME_LENGTH + 1),
      "anonymous",
      "unknown",
      "other",
      "with space",
      'quote"',
      "new\nline",
      "Dashbоard", // a Cyrillic o
      "1st",
      "",
    ]) {
      expect([name, label(name)]).toEqual([name, "other"]);
    }
    expect(label("x".repeat(MAX_OPERATION_NAME_LENGTH))).toBe("x".repeat(MAX_OPERATION_NAME_LENGTH));
  });

  it("stay at the cap whatever the number of names", () => {
    const label = createOperationNameLabels(new Set(), CAP);
    const labels = new Set(Array.from({ length: 100_000 }, (_, i) => label(`Name${i}`)));
    expect(labels.size).toBe(CAP + 1);
  });
});

/** Sends `count` subscribe messages of `document(i)` on one socket, `window` at a time, each awaited to its end. */
async function overWebSocket(count: number, document: (i: number) => string, window = 500): Promise<void> {
  const socket = new WebSocket(gateway.app.url.replace(/^http/, "ws"), "graphql-transport-ws");
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  const waiting = new Map<string, () => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: string; type: string };
    if (message.type === "connection_ack") waiting.get("ack")?.();
    if ((message.type === "complete" || message.type === "error") && message.id) waiting.get(message.id)?.();
  });
  const answered = (id: string) => new Promise<void>((resolve) => waiting.set(id, resolve));
  const ack = answered("ack");
  socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${talent.token}` } }));
  await ack;
  for (let start = 0; start < count; start += window) {
    const ends: Array<Promise<void>> = [];
    for (let i = start; i < Math.min(count, start + window); i += 1) {
      ends.push(answered(String(i)));
      socket.send(JSON.stringify({ id: String(i), type: "subscribe", payload: { query: document(i) } }));
    }
    await Promise.all(ends);
  }
  socket.close();
}

/** POSTs `count` documents, `concurrency` at a time on kept-alive connections (node's http: fetch costs more per request). */
async function overHttp(count: number, document: (i: number) => string, concurrency = 8): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port, pathname } = new URL(gateway.app.url);
  const post = (body: string) =>
    new Promise<number>((resolve, reject) => {
      const outgoing = http.request(
        {
          agent,
          hostname,
          port,
          path: pathname,
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${talent.token}` },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode!));
        },
      );
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const status = await post(JSON.stringify({ query: document(i) }));
      if (status !== 200) throw new Error(`${document(i)}: ${status}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
}

const metrics = () => scrape(metricsUrlOf(gateway.app.url));

function namesByTransport(current: Scrape, transport: string): Map<string, number> {
  const names = new Map<string, number>();
  for (const { labels, value } of current.series("gateway_graphql_operations_total")) {
    if (labels.transport === transport)
      names.set(labels.operation_name!, (names.get(labels.operation_name!) ?? 0) + value);
  }
  return names;
}

describe(`10,000 made-up operation names (${testEngine})`, () => {
  it(
    "grow the label set over HTTP no further than the cap; the rest are other",
    async () => {
      // Refused names first, while the cap still has room: they take none of it.
      await overHttp(1, () => `query ${"L".repeat(MAX_OPERATION_NAME_LENGTH + 1)} { __typename }`);
      await overHttp(1, () => "query unknown { __typename }");
      await overHttp(1, () => "{ __typename }");
      await overHttp(ATTACK, (i) => `query Attack${i} { __typename }`);
      const names = namesByTransport(await metrics(), "http");
      expect(names.size).toBe(CAP + 2);
      expect(names.get("other")).toBe(ATTACK - CAP + 2);
      expect(names.get("anonymous")).toBe(1);
      for (let i = 0; i < CAP; i += 1) expect(names.get(`Attack${i}`)).toBe(1);
      // The histogram has the same series, no more.
      expect((await metrics()).series("gateway_graphql_operation_duration_seconds")).toHaveLength(CAP + 2);
    },
    ATTACK_TIMEOUT_MS,
  );

  it(
    "and over graphql-ws, whose names land in the same full set: all other",
    async () => {
      await overWebSocket(ATTACK, (i) => `query Socket${i} { __typename }`);
      const current = await metrics();
      const names = namesByTransport(current, "ws");
      expect(Object.fromEntries(names)).toEqual({ other: ATTACK });
      const allNames = new Set(current.series("gateway_graphql_operations_total").map((s) => s.labels.operation_name));
      expect(allNames.size).toBe(CAP + 2);
    },
    ATTACK_TIMEOUT_MS,
  );

  it("still labels the trusted documents' operations by name, on both transports", async () => {
    await overHttp(1, () => "query Viewer { viewer { id } }");
    await overWebSocket(1, () => "query Dashboard { viewer { id } }");
    const current = await metrics();
    expect(namesByTransport(current, "http").get("Viewer")).toBe(1);
    expect(namesByTransport(current, "ws").get("Dashboard")).toBe(1);
  });
});
