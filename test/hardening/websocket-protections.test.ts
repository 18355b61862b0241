import jwt from "jsonwebtoken";
import type { Client } from "graphql-ws";
import WebSocket from "ws";
import type { App } from "../../src/app";
import { SendMessageDocument } from "../generated/operations";
import { fixtures, type Fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { lineMatching } from "../support/log-lines";
import { startTestApp, TEST_JWT_SECRET, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let app: App;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
let f: Fixtures;
let talent: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, logger } = await startTestApp(
    testConfig(database.config, {
      WS_CONNECTION_INIT_TIMEOUT_MS: "300",
      WS_MAX_SUBSCRIPTIONS: "2",
      WS_MAX_PAYLOAD_BYTES: "4096",
      WS_MAX_QUEUED_EVENTS: "10",
    }),
  ));
  f = fixtures(app.db);
  talent = await f.talent();
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app.stop();
  await database.drop();
});

const wsUrl = () => app.url.replace(/^http/, "ws");

/** A raw socket speaking graphql-transport-ws, for what a well-behaved client would never do. */
function rawSocket(headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl(), "graphql-transport-ws", { headers });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

function closeOf(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
}

function tokenFor(user: TestUser, secondsToLive: number, secret = TEST_JWT_SECRET): string {
  return jwt.sign({ acct: user.user.accountType }, secret, {
    subject: String(user.user.id),
    issuer: "talent-dashboard",
    expiresIn: secondsToLive,
  });
}

describe("websocket protections", () => {
  it("closes a socket that never sends connection_init (4408)", async () => {
    const socket = await rawSocket();
    const started = Date.now();
    expect((await closeOf(socket)).code).toBe(4408);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("closes a connection with an expired token (4403 'Token expired')", async () => {
    const expired = jwt.sign({ acct: "TALENT", exp: Math.floor(Date.now() / 1000) - 5 }, TEST_JWT_SECRET, {
      subject: String(talent.user.id),
      issuer: "talent-dashboard",
    });
    const client = liveClient(app.url, expired);
    clients.push(client);
    expect(await subscribe(client, "subscription { notificationCounts { newMessages } }").ended).toMatchObject({
      code: 4403,
      reason: "Token expired",
    });
  });

  it("closes the socket when the token expires while connected (4403)", async () => {
    const socket = await rawSocket();
    const closed = closeOf(socket);
    socket.send(
      JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${tokenFor(talent, 2)}` } }),
    );
    const acknowledged = await new Promise((resolve) =>
      socket.once("message", (data) => resolve(JSON.parse(data.toString()).type)),
    );
    expect(acknowledged).toBe("connection_ack");
    expect(await closed).toEqual({ code: 4403, reason: "Token expired" });
  });

  it("caps the operations one socket may run at once", async () => {
    const client = liveClient(app.url, talent.token);
    clients.push(client);
    const first = subscribe(client, "subscription { notificationCounts { newMessages } }");
    const second = subscribe(client, "subscription { messageReceived { id } }");
    await first.next();
    const third = subscribe(client, "subscription { invitationReceived { id } }");
    const errors = (await third.ended) as Array<{ message: string; extensions?: { code?: string } }>;
    expect(errors[0]).toEqual({
      message: "This connection already runs 2 operations; the limit is 2",
      extensions: { code: "OPERATION_LIMIT_EXCEEDED" },
    });
    // The limit's own count runs: the second operation was not refused.
    expect(await Promise.race([second.ended, new Promise((resolve) => setTimeout(resolve, 100, "running"))])).toBe(
      "running",
    );
    second.unsubscribe();
  });

  it("closes a socket that sends a frame over the size limit (1009), with a log line and nothing on the console", async () => {
    const consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const socket = await rawSocket({ "X-Request-Id": "oversized-frame-1" });
      const closed = closeOf(socket);
      socket.send("x".repeat(5000));
      expect((await closed).code).toBe(1009);
      // Under the connection's id, as its operations' lines are: an operator finds the one socket.
      expect(await lineMatching(logger, (line) => line.msg === "websocket protocol error")).toMatchObject({
        level: "info",
        requestId: "oversized-frame-1",
        err: { code: "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH" },
      });
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it("drops a client that stops reading instead of buffering without bound (1013)", async () => {
    const director = await f.director();
    const socket = await rawSocket();
    const closed = closeOf(socket);
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${talent.token}` } }));
    await new Promise((resolve) => socket.once("message", resolve));
    let received = 0;
    socket.on("message", () => (received += 1));
    // Thirty aliases of a 5,000-character body: about 150 KB per event.
    const fields = Array.from({ length: 30 }, (_, i) => `b${i}: body`).join(" ");
    socket.send(
      JSON.stringify({
        id: "1",
        type: "subscribe",
        payload: { query: `subscription { messageReceived { ${fields} } }` },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Stop reading: the kernel buffers fill, then the server's own buffer grows.
    (socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const body = "x".repeat(5000);
    const sent = 80;
    for (let i = 0; i < sent; i += 1) {
      const response = await request(
        app.url,
        SendMessageDocument,
        { input: { toUserId: String(talent.user.id), body } },
        { token: director.token },
      );
      expect(response.errors).toBeUndefined();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    (socket as unknown as { _socket: { resume(): void } })._socket.resume();
    // The close frame (1013) if it got through, else the cut connection (1006).
    expect([1013, 1006]).toContain((await closed).code);
    expect(received).toBeLessThan(sent);
    expect(logger.lines.map((line) => line.msg)).toContain("dropped a subscriber that stopped reading");
  });
});
