import jwt from "jsonwebtoken";
import WebSocket from "ws";
import type { App } from "../../src/app";
import { ConfigError, loadConfig } from "../../src/config";
import { fixtures, type TestUser } from "../support/fixtures";
import { liveClient, subscribe } from "../support/live-client";
import { startTestApp, TEST_JWT_SECRET, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const PER_ACCOUNT = 3;
const PER_ADDRESS = 6;

let database: TestDatabase;
let app: App;
let talent: TestUser;
let otherTalent: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await startTestApp(
    testConfig(database.config, {
      WS_MAX_CONNECTIONS_PER_ACCOUNT: String(PER_ACCOUNT),
      WS_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
      WS_SUBSCRIBES_PER_SECOND: "3",
      WS_SUBSCRIBE_BURST: "2",
      // Raw sockets that never authenticate stay open for the length of a test.
      WS_CONNECTION_INIT_TIMEOUT_MS: "30000",
    }),
  ));
  const f = fixtures(app.db);
  talent = await f.talent("Capped talent");
  otherTalent = await f.talent("Other talent");
});

afterAll(async () => {
  await app.stop();
  await database.drop();
});

interface Closed {
  code: number;
  reason: string;
}

/** A raw graphql-transport-ws socket, and its close (or null while it stays open). */
async function open(): Promise<{ socket: WebSocket; closed: Promise<Closed>; messages: unknown[] }> {
  const socket = new WebSocket(app.url.replace(/^http/, "ws"), "graphql-transport-ws");
  const messages: unknown[] = [];
  socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
  const closed = new Promise<Closed>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, closed, messages };
}

/** Opens a socket and sends connection_init: "ack" once acknowledged, else how it was closed. */
async function connectAs(user: TestUser | { token: string }) {
  const connection = await open();
  connection.socket.send(
    JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${user.token}` } }),
  );
  const outcome = await Promise.race([
    connection.closed,
    new Promise<"ack">((resolve) =>
      connection.socket.once("message", (data) => {
        if (JSON.parse(data.toString()).type === "connection_ack") resolve("ack");
      }),
    ),
  ]);
  // What a test reads next is what came after the acknowledgement.
  if (outcome === "ack") connection.messages.shift();
  return { ...connection, outcome };
}

/** Closes sockets from the client side and waits until the server has seen them go. */
async function closeAll(sockets: WebSocket[]): Promise<void> {
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) return resolve();
          socket.once("close", () => resolve());
          socket.close();
        }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Is the message within `ms`, or the socket's close? */
async function nextMessage(connection: { messages: unknown[] }, ms = 2_000): Promise<unknown> {
  const deadline = Date.now() + ms;
  while (connection.messages.length === 0) {
    if (Date.now() > deadline) throw new Error(`no message within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return connection.messages.shift();
}

const TOO_MANY_FROM_ACCOUNT = { code: 4430, reason: `Too many connections from this account (limit ${PER_ACCOUNT})` };
const TOO_MANY_FROM_ADDRESS = { code: 4430, reason: `Too many connections from this address (limit ${PER_ADDRESS})` };

describe("websocket connections per account", () => {
  it(`admits ${PER_ACCOUNT} sockets of one account and closes the next with 4430, not 4401`, async () => {
    const admitted = [];
    for (let i = 0; i < PER_ACCOUNT; i += 1) admitted.push(await connectAs(talent));
    expect(admitted.map((connection) => connection.outcome)).toEqual(["ack", "ack", "ack"]);

    const refused = await connectAs(talent);
    expect(refused.outcome).toEqual(TOO_MANY_FROM_ACCOUNT);
    // Another account from the same address is not affected.
    const other = await connectAs(otherTalent);
    expect(other.outcome).toBe("ack");
    await closeAll([...admitted, other].map((connection) => connection.socket));
  });

  it("counts a second token of the same account against the same limit", async () => {
    const admitted = [];
    for (let i = 0; i < PER_ACCOUNT; i += 1) admitted.push(await connectAs(talent));
    const freshToken = jwt.sign({ acct: talent.user.accountType }, TEST_JWT_SECRET, {
      subject: String(talent.user.id),
      issuer: "talent-dashboard",
      expiresIn: 600,
    });
    expect(freshToken).not.toBe(talent.token);
    expect((await connectAs({ token: freshToken })).outcome).toEqual(TOO_MANY_FROM_ACCOUNT);
    await closeAll(admitted.map((connection) => connection.socket));
  });

  it("gives a graphql-ws client the close code and reason", async () => {
    const admitted = [];
    for (let i = 0; i < PER_ACCOUNT; i += 1) admitted.push(await connectAs(talent));
    const client = liveClient(app.url, talent.token);
    const ended = (await subscribe(client, "subscription { notificationCounts { newMessages } }").ended) as Closed;
    expect({ code: ended.code, reason: ended.reason }).toEqual(TOO_MANY_FROM_ACCOUNT);
    await client.dispose();
    await closeAll(admitted.map((connection) => connection.socket));
  });
});

describe("websocket connections per client address", () => {
  it(`closes the socket after ${PER_ADDRESS} from one address with 4430 at once, before any message`, async () => {
    const admitted = [];
    for (let i = 0; i < PER_ADDRESS; i += 1) admitted.push(await open());
    const refused = await open();
    expect(await refused.closed).toEqual(TOO_MANY_FROM_ADDRESS);
    expect(refused.messages).toEqual([]);
    // The refused socket never reaches authentication: a valid token does not help.
    const withToken = await connectAs(talent);
    expect(withToken.outcome).toEqual(TOO_MANY_FROM_ADDRESS);
    await closeAll(admitted.map((connection) => connection.socket));
  });
});

describe("releasing connection counts", () => {
  it("returns every count to zero however 60 sockets closed: by the client, cut, refused, or by the server", async () => {
    for (let round = 0; round < 15; round += 1) {
      const politely = await connectAs(talent);
      const cut = await connectAs(talent);
      const forbidden = await connectAs({ token: "not-a-token" });
      const third = await connectAs(talent);
      const refused = await connectAs(talent);
      expect([politely.outcome, cut.outcome, third.outcome]).toEqual(["ack", "ack", "ack"]);
      expect(forbidden.outcome).toEqual({ code: 4401, reason: "Invalid token: sign in again" });
      expect(refused.outcome).toEqual(TOO_MANY_FROM_ACCOUNT);
      cut.socket.terminate();
      await closeAll([politely.socket, third.socket]);
    }
    // Nothing was left counted: the full allowance of each cap is there again, and no more.
    const byAccount = [];
    for (let i = 0; i < PER_ACCOUNT; i += 1) byAccount.push(await connectAs(talent));
    expect(byAccount.map((connection) => connection.outcome)).toEqual(["ack", "ack", "ack"]);
    expect((await connectAs(talent)).outcome).toEqual(TOO_MANY_FROM_ACCOUNT);
    const byAddress = [];
    for (let i = PER_ACCOUNT; i < PER_ADDRESS; i += 1) byAddress.push(await open());
    expect(await (await open()).closed).toEqual(TOO_MANY_FROM_ADDRESS);
    await closeAll([...byAccount, ...byAddress].map((connection) => connection.socket));
  });
});

describe("subscribe messages per connection", () => {
  const subscribeMessage = (id: string, query = "subscription { notificationCounts { newMessages } }") =>
    JSON.stringify({ id, type: "subscribe", payload: { query } });

  it("answers the subscribe past 3 per second and a burst of 2 with TOO_MANY_REQUESTS, then admits again", async () => {
    const connection = await connectAs(talent);
    for (let i = 1; i <= 6; i += 1) connection.socket.send(subscribeMessage(String(i)));
    const received = [];
    for (let i = 0; i < 6; i += 1) received.push(await nextMessage(connection));
    const errors = received.filter((message) => (message as { type: string }).type === "error");
    expect(errors).toEqual([
      {
        id: "6",
        type: "error",
        payload: [
          {
            message: "Too many subscribe messages on this connection (limit 3 per second); retry in 1 s",
            extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds: 1 },
          },
        ],
      },
    ]);
    expect(received.filter((message) => (message as { type: string }).type === "next")).toHaveLength(5);
    // The socket stays open, and the next second brings a new allowance.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    connection.socket.send(subscribeMessage("7"));
    expect(await nextMessage(connection)).toEqual({
      id: "7",
      type: "next",
      payload: { data: { notificationCounts: { newMessages: 0 } } },
    });
    await closeAll([connection.socket]);
  });

  it("counts subscribe messages that fail validation too, so invalid documents cannot flood", async () => {
    const connection = await connectAs(talent);
    for (let i = 1; i <= 8; i += 1) connection.socket.send(subscribeMessage(String(i), "subscription { nope }"));
    const codes = [];
    for (let i = 0; i < 8; i += 1) {
      const message = (await nextMessage(connection)) as { payload: Array<{ extensions?: { code?: string } }> };
      codes.push(message.payload[0]!.extensions?.code);
    }
    expect(codes).toEqual([...Array(5).fill("GRAPHQL_VALIDATION_FAILED"), ...Array(3).fill("TOO_MANY_REQUESTS")]);
    await closeAll([connection.socket]);
  });

  it("keeps each connection's allowance its own", async () => {
    const flooding = await connectAs(talent);
    const quiet = await connectAs(talent);
    for (let i = 1; i <= 6; i += 1) flooding.socket.send(subscribeMessage(String(i)));
    quiet.socket.send(subscribeMessage("1"));
    expect(await nextMessage(quiet)).toEqual({
      id: "1",
      type: "next",
      payload: { data: { notificationCounts: { newMessages: 0 } } },
    });
    await closeAll([flooding.socket, quiet.socket]);
  });
});

describe("websocket cap settings", () => {
  it("default to limits no person using the apps meets", () => {
    const { websocket } = loadConfig({});
    expect({
      perAccount: websocket.maxConnectionsPerAccount,
      perAddress: websocket.maxConnectionsPerAddress,
      perSecond: websocket.subscribesPerSecond,
      burst: websocket.subscribeBurst,
    }).toEqual({ perAccount: 20, perAddress: 200, perSecond: 10, burst: 20 });
  });

  it.each([
    [
      { WS_MAX_CONNECTIONS_PER_ACCOUNT: "0" },
      "WS_MAX_CONNECTIONS_PER_ACCOUNT must be an integer from 1 to 100000, got '0'",
    ],
    [
      { WS_MAX_CONNECTIONS_PER_ADDRESS: "-1" },
      "WS_MAX_CONNECTIONS_PER_ADDRESS must be an integer from 1 to 1000000, got '-1'",
    ],
    [{ WS_SUBSCRIBES_PER_SECOND: "1e3" }, "WS_SUBSCRIBES_PER_SECOND must be an integer from 1 to 10000, got '1e3'"],
    [{ WS_SUBSCRIBE_BURST: "lots" }, "WS_SUBSCRIBE_BURST must be an integer from 0 to 10000, got 'lots'"],
  ])("refuses %j with an error naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});
