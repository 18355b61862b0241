import net from "node:net";
import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import { ConfigError, loadConfig } from "../../src/config";
import { fixtures, type TestUser } from "../support/fixtures";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * A client that sends its request slowly (a byte a second, the "slowloris"
 * way) would hold a connection for Node's default five minutes. The gateway
 * cuts the whole request at HTTP_REQUEST_TIMEOUT_MS and the headers at
 * HTTP_HEADERS_TIMEOUT_MS; here 2 s and 1 s, with raw TCP clients. An idle
 * keep-alive connection, the other way round, must outlast a load balancer's
 * pooled one (HTTP_KEEP_ALIVE_TIMEOUT_MS).
 */

let database: TestDatabase;
let app: App;
let talent: TestUser;
const clients: Client[] = [];
const sockets: net.Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await startTestApp(
    testConfig(database.config, { HTTP_REQUEST_TIMEOUT_MS: "2000", HTTP_HEADERS_TIMEOUT_MS: "1000" }),
  ));
  talent = await fixtures(app.db).talent();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(clients.map((client) => client.dispose()));
  await app?.stop();
  await database?.drop();
});

interface Outcome {
  /** What the server sent before it closed, as text. */
  received: string;
  /** Milliseconds from the first byte sent to the close. */
  closedAfterMs: number;
}

/** Opens a raw connection and writes `chunks` one per `intervalMs` until the server closes it. */
function dribble(chunks: string[], intervalMs: number): Promise<Outcome> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    sockets.push(socket);
    const started = Date.now();
    let received = "";
    let timer: NodeJS.Timeout | undefined;
    const sendNext = (index: number) => {
      if (index >= chunks.length || socket.destroyed) return;
      socket.write(chunks[index]!);
      timer = setTimeout(() => sendNext(index + 1), intervalMs);
    };
    socket.on("connect", () => sendNext(0));
    socket.on("data", (data) => (received += data.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => reject(new Error("the server kept the connection open for 10 s")), 10_000).unref();
  });
}

const BODY = JSON.stringify({ query: "{ __typename }" });

describe("a request sent slowly", () => {
  it("gets 408 and a closed connection once its body takes longer than the request timeout", async () => {
    const headers =
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${BODY.length}\r\n\r\n`;
    const outcome = await dribble([headers, ...BODY.split("")], 1_000);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(1_900);
    expect(outcome.closedAfterMs).toBeLessThan(4_000);
  });

  it("gets 408 and a closed connection once its headers take longer than the headers timeout", async () => {
    const headers = `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n`;
    const outcome = await dribble(headers.split(""), 300);
    expect(outcome.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(outcome.closedAfterMs).toBeLessThan(3_000);
  });
});

describe("what the timeouts leave alone", () => {
  it("keeps a keep-alive connection usable for a second request after a pause longer than the timeout", async () => {
    const { port } = new URL(app.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    sockets.push(socket);
    let received = "";
    socket.on("data", (data) => (received += data.toString("latin1")));
    const request =
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
      `Connection: keep-alive\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`;
    const answered = async (count: number) => {
      const deadline = Date.now() + 3_000;
      while ((received.match(/"__typename":"Query"/g) ?? []).length < count) {
        if (Date.now() > deadline) throw new Error(`no answer ${count}: ${received}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await new Promise<void>((resolve) => socket.on("connect", resolve));
    socket.write(request);
    await answered(1);
    // Node's own default would say timeout=5 and close a connection a balancer may still reuse.
    expect(received).toMatch(/\r\nKeep-Alive: timeout=65\r\n/);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    await answered(2);
    expect(received.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
  });

  it("keeps a websocket open longer than the request timeout, still answering", async () => {
    const client = liveClient(app.url, talent.token);
    clients.push(client);
    const counts = subscribe(client, `subscription { notificationCounts { newMessages } }`);
    expect(await counts.next()).toEqual({ data: { notificationCounts: { newMessages: 0 } } });
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    const answer = subscribe(client, `{ __typename }`);
    expect(await answer.next()).toEqual({ data: { __typename: "Query" } });
    await expect(
      Promise.race([counts.ended, new Promise((resolve) => setTimeout(() => resolve("open"), 10))]),
    ).resolves.toBe("open");
  });

  it("still answers an ordinary request at once", async () => {
    expect(await postGraphQL(app.url, "{ __typename }")).toEqual({ status: 200, data: { __typename: "Query" } });
  });
});

describe("an idle keep-alive connection", () => {
  let shortKeepAlive: App | undefined;
  afterAll(async () => shortKeepAlive?.stop());

  it("is closed once it has idled for HTTP_KEEP_ALIVE_TIMEOUT_MS, and not before", async () => {
    ({ app: shortKeepAlive } = await startTestApp(testConfig(database.config, { HTTP_KEEP_ALIVE_TIMEOUT_MS: "1000" })));
    const { port } = new URL(shortKeepAlive.url);
    const socket = net.connect(Number(port), "127.0.0.1");
    sockets.push(socket);
    let received = "";
    let answeredAt = 0;
    socket.on("data", (data) => {
      received += data.toString("latin1");
      if (received.includes('"__typename":"Query"')) answeredAt ||= Date.now();
    });
    const closed = new Promise<number>((resolve) => socket.on("close", () => resolve(Date.now())));
    await new Promise<void>((resolve) => socket.on("connect", resolve));
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Connection: keep-alive\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`,
    );
    const idledMs = (await closed) - answeredAt;
    expect(received).toMatch(/\r\nKeep-Alive: timeout=1\r\n/);
    expect(answeredAt).toBeGreaterThan(0);
    expect(idledMs).toBeGreaterThanOrEqual(900);
    expect(idledMs).toBeLessThan(3_000);
  });
});

describe("the settings", () => {
  it("default to 30 s for a request, 10 s for its headers and 65 s for an idle keep-alive connection", () => {
    expect(loadConfig({}).http).toMatchObject({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 65_000,
    });
  });

  it.each([
    [{ HTTP_REQUEST_TIMEOUT_MS: "soon" }, "HTTP_REQUEST_TIMEOUT_MS must be an integer from 1000 to 600000, got 'soon'"],
    [{ HTTP_HEADERS_TIMEOUT_MS: "10" }, "HTTP_HEADERS_TIMEOUT_MS must be an integer from 1000 to 600000, got '10'"],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: "0" }, "HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000 to 600000, got '0'"],
    [
      { HTTP_KEEP_ALIVE_TIMEOUT_MS: "65s" },
      "HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer from 1000 to 600000, got '65s'",
    ],
    [
      { HTTP_REQUEST_TIMEOUT_MS: "5000", HTTP_HEADERS_TIMEOUT_MS: "6000" },
      "HTTP_HEADERS_TIMEOUT_MS (6000) must not exceed HTTP_REQUEST_TIMEOUT_MS (5000)",
    ],
  ])("refuse %j with an error naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it("take the headers timeout down with a shorter request timeout", () => {
    expect(loadConfig({ HTTP_REQUEST_TIMEOUT_MS: "4000" }).http).toMatchObject({
      requestTimeoutMs: 4_000,
      headersTimeoutMs: 4_000,
    });
  });
});
