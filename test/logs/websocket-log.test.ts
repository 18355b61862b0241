import type http from "node:http";
import WebSocket from "ws";
import type { App } from "../../src/app";
import { fixtures, type TestUser } from "../support/fixtures";
import { postGraphQL } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { lineMatching, operationLine, UUID } from "../support/log-lines";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * graphql-ws's side of the log, on a real gateway: each connection gets an id (the upgrade's
 * X-Request-Id when sane, sent back in the 101), each operation `<connection id>:<message id>`
 * (a hostile message id replaced by a digest), and one line when each operation ends.
 */

let database: TestDatabase;
let app: App;
let logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
let talent: TestUser;
let director: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app, logger } = await startTestApp(testConfig(database.config)));
  talent = await fixtures(app.db).talent("Wren Socket");
  director = await fixtures(app.db).director("Dana Director");
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

interface HandDrivenSocket {
  /** The X-Request-Id of the 101 response. */
  readonly connectionId: string | null;
  send(message: object | string): void;
  /** The next message with this id (or of this type). */
  next(match: { id?: string; type?: string }): Promise<{ id?: string; type: string; payload?: unknown }>;
  close(code?: number): Promise<void>;
}

/** A graphql-ws connection driven message by message, with the upgrade's headers. */
async function openSocket(options: { requestId?: string; token?: string } = {}): Promise<HandDrivenSocket> {
  const socket = new WebSocket(app.url.replace(/^http/, "ws"), "graphql-transport-ws", {
    headers: options.requestId === undefined ? {} : { "x-request-id": options.requestId },
  });
  let connectionId: string | null = null;
  socket.once("upgrade", (response: http.IncomingMessage) => {
    connectionId = (response.headers["x-request-id"] as string | undefined) ?? null;
  });
  const received: Array<{ id?: string; type: string; payload?: unknown }> = [];
  const waiters: Array<() => void> = [];
  socket.on("message", (data) => {
    received.push(JSON.parse(String(data)));
    for (const wake of waiters.splice(0)) wake();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once("open", () => resolve());
    socket.once("error", reject);
  });
  const handle: HandDrivenSocket = {
    get connectionId() {
      return connectionId;
    },
    send(message) {
      socket.send(typeof message === "string" ? message : JSON.stringify(message));
    },
    async next(match) {
      const deadline = Date.now() + 5_000;
      for (;;) {
        const index = received.findIndex(
          (message) =>
            (match.id === undefined || message.id === match.id) &&
            (match.type === undefined || message.type === match.type),
        );
        if (index >= 0) return received.splice(index, 1)[0]!;
        if (Date.now() > deadline)
          throw new Error(`no message ${JSON.stringify(match)} in ${JSON.stringify(received)}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
    close(code = 1000) {
      return new Promise((resolve) => {
        socket.once("close", () => resolve());
        socket.close(code);
      });
    },
  };
  handle.send({ type: "connection_init", payload: { authorization: `Bearer ${options.token ?? talent.token}` } });
  await handle.next({ type: "connection_ack" });
  return handle;
}

describe(`request ids over graphql-ws, on ${testEngine}`, () => {
  it("takes a sane id from the upgrade, returns it in the 101, and names each operation by it and its message id", async () => {
    const socket = await openSocket({ requestId: "socket-7.a" });
    expect(socket.connectionId).toBe("socket-7.a");
    socket.send({ id: "op-1", type: "subscribe", payload: { query: "query Me { viewer { id } }" } });
    expect(await socket.next({ id: "op-1", type: "next" })).toMatchObject({
      payload: { data: { viewer: { id: String(talent.user.id) } } },
    });
    await socket.next({ id: "op-1", type: "complete" });
    expect(await operationLine(logger, "socket-7.a:op-1")).toEqual({
      level: "info",
      time: expect.any(String),
      pid: process.pid,
      hostname: expect.any(String),
      name: "talent-dashboard-gateway",
      requestId: "socket-7.a:op-1",
      msg: "graphql operation",
      transport: "ws",
      connectionId: "socket-7.a",
      operationName: "Me",
      operationType: "query",
      viewerId: talent.user.id,
      outcome: "ok",
      errorCodes: [],
      durationMs: expect.any(Number),
    });
    expect(
      await lineMatching(logger, (line) => line.msg === "websocket connected" && line.requestId === "socket-7.a"),
    ).toMatchObject({
      level: "debug",
      transport: "ws",
      connectionId: "socket-7.a",
      viewerId: talent.user.id,
    });
    await socket.close();
    expect(
      await lineMatching(logger, (line) => line.msg === "websocket closed" && line.requestId === "socket-7.a"),
    ).toMatchObject({
      level: "debug",
      closeCode: 1000,
      operations: 1,
      durationMs: expect.any(Number),
    });
  });

  it.each([
    ["none", undefined],
    ["a space", "two words"],
    ["129 characters", "c".repeat(129)],
    ["a comma", "one,two"],
  ])("gives a connection a fresh UUID when the upgrade sends %s", async (_label, sent) => {
    const socket = await openSocket({ requestId: sent });
    expect(socket.connectionId).toMatch(UUID);
    socket.send({ id: "only", type: "subscribe", payload: { query: "{ viewer { id } }" } });
    await socket.next({ id: "only", type: "complete" });
    const line = await operationLine(logger, `${socket.connectionId}:only`);
    expect(line.connectionId).toBe(socket.connectionId);
    await socket.close();
    if (sent) expect(logger.text()).not.toContain(sent);
  });

  it("replaces a message id outside the safe set, or too long, by a digest: one id per operation, none of the client's text", async () => {
    const socket = await openSocket({ requestId: "hostile-ids" });
    const hostile = [
      "line\nbreak",
      "crlf\r\nX-Injected: 1",
      'quote"}{"level":"fatal","msg":"forged',
      "\u00fcn\u00efcode",
      "m".repeat(65),
      "spaced id",
    ];
    for (const id of hostile) {
      socket.send({ id, type: "subscribe", payload: { query: "{ viewer { id } }" } });
      await socket.next({ id, type: "complete" });
    }
    await socket.close();
    const isHostileLine = (line: { msg: string; connectionId?: unknown }) =>
      line.msg === "graphql operation" && line.connectionId === "hostile-ids";
    await lineMatching(logger, () => logger.lines.filter(isHostileLine).length === hostile.length);
    const lines = logger.lines.filter(isHostileLine);
    for (const line of lines) expect(line.requestId).toMatch(/^hostile-ids:~[0-9a-f]{16}$/);
    expect(new Set(lines.map((line) => line.requestId)).size).toBe(hostile.length);
    const text = logger.text();
    for (const fragment of [
      "line\\nbreak",
      "X-Injected",
      '"level":"fatal"',
      "forged",
      "\\u00fc",
      "\u00fc",
      "m".repeat(65),
      "spaced id",
    ]) {
      expect(text).not.toContain(fragment);
    }
  });

  it("keeps a sane message id of 64 characters as it is", async () => {
    const socket = await openSocket({ requestId: "long-message-id" });
    const id = "k".repeat(64);
    socket.send({ id, type: "subscribe", payload: { query: "{ viewer { id } }" } });
    await socket.next({ id, type: "complete" });
    await socket.close();
    await operationLine(logger, `long-message-id:${id}`);
  });
});

describe(`one line per graphql-ws operation, on ${testEngine}`, () => {
  it("logs an operation refused at its subscribe message as rejected, with its code", async () => {
    const socket = await openSocket({ requestId: "refused-op" });
    const aliases = Array.from({ length: 31 }, (_, index) => `a${index}: viewer { id }`).join(" ");
    socket.send({
      id: "1",
      type: "subscribe",
      payload: { query: `query ManyAliases { ${aliases} }`, operationName: "ManyAliases" },
    });
    expect(await socket.next({ id: "1", type: "error" })).toMatchObject({
      payload: [{ extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
    });
    socket.send({ id: "2", type: "subscribe", payload: { query: "{ nope" } });
    await socket.next({ id: "2", type: "error" });
    await socket.close();
    expect(await operationLine(logger, "refused-op:1")).toMatchObject({
      transport: "ws",
      operationName: "ManyAliases",
      operationType: null,
      outcome: "rejected",
      errorCodes: ["GRAPHQL_VALIDATION_FAILED"],
    });
    expect(await operationLine(logger, "refused-op:2")).toMatchObject({
      operationName: null,
      outcome: "rejected",
      errorCodes: ["GRAPHQL_PARSE_FAILED"],
    });
  });

  it("logs an operation that ran with errors as errors", async () => {
    const socket = await openSocket({ requestId: "errors-op", token: director.token });
    socket.send({
      id: "d",
      type: "subscribe",
      payload: { query: "query Mine { dashboard { atAGlance { newMessages } } }" },
    });
    await socket.next({ id: "d", type: "complete" });
    await socket.close();
    expect(await operationLine(logger, "errors-op:d")).toMatchObject({
      operationName: "Mine",
      operationType: "query",
      viewerId: director.user.id,
      outcome: "errors",
      errorCodes: ["FORBIDDEN"],
    });
  });

  it("logs a subscription when the client completes it, with the events it delivered", async () => {
    const socket = await openSocket({ requestId: "counts-sub" });
    socket.send({
      id: "counts",
      type: "subscribe",
      payload: { query: "subscription Counts { notificationCounts { newMessages } }" },
    });
    await socket.next({ id: "counts", type: "next" });
    const sent = await postGraphQL(
      app.url,
      "mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id } }",
      { input: { toUserId: String(talent.user.id), body: "Are you free on Tuesday?" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    expect(await socket.next({ id: "counts", type: "next" })).toMatchObject({
      payload: { data: { notificationCounts: { newMessages: 1 } } },
    });
    socket.send({ id: "counts", type: "complete" });
    const line = await operationLine(logger, "counts-sub:counts");
    expect(line).toMatchObject({
      operationName: "Counts",
      operationType: "subscription",
      viewerId: talent.user.id,
      outcome: "ok",
      errorCodes: [],
      events: 2,
    });
    expect(line).not.toHaveProperty("closeCode");
    await socket.close();
  });

  it("logs a subscription still open when its socket closes, with the close code", async () => {
    const socket = await openSocket({ requestId: "closed-sub" });
    socket.send({
      id: "c",
      type: "subscribe",
      payload: { query: "subscription { notificationCounts { newMessages } }" },
    });
    await socket.next({ id: "c", type: "next" });
    await socket.close(4000);
    expect(await operationLine(logger, "closed-sub:c")).toMatchObject({
      operationName: null,
      operationType: "subscription",
      outcome: "ok",
      events: 1,
      closeCode: 4000,
    });
    expect(
      await lineMatching(logger, (line) => line.msg === "websocket closed" && line.requestId === "closed-sub"),
    ).toMatchObject({
      closeCode: 4000,
      operations: 1,
    });
    // Once: the operation's end after the socket's is not logged again.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logger.lines.filter((line) => line.requestId === "closed-sub:c")).toHaveLength(1);
  });

  it("logs an unexpected error with the operation's request id, and the operation as errors", async () => {
    await app.db.query(
      testEngine === "mysql"
        ? "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'messages refused by the test'"
        : "CREATE TRIGGER refuse_messages BEFORE INSERT ON messages BEGIN SELECT RAISE(ABORT, 'messages refused by the test'); END",
    );
    try {
      const socket = await openSocket({ requestId: "failing-ws", token: director.token });
      socket.send({
        id: "send",
        type: "subscribe",
        payload: {
          query: "mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id } }",
          variables: { input: { toUserId: String(talent.user.id), body: "This one fails" } },
        },
      });
      expect(await socket.next({ id: "send", type: "next" })).toMatchObject({
        payload: { errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] },
      });
      await socket.close();
    } finally {
      await app.db.query("DROP TRIGGER refuse_messages");
    }
    expect(
      await lineMatching(
        logger,
        (line) => line.msg === "unexpected error while executing an operation" && line.requestId === "failing-ws:send",
      ),
    ).toMatchObject({ level: "error", path: ["sendMessage"], err: { type: "QueryFailedError" } });
    expect(await operationLine(logger, "failing-ws:send")).toMatchObject({
      operationName: "Send",
      operationType: "mutation",
      outcome: "errors",
      errorCodes: ["INTERNAL_SERVER_ERROR"],
    });
  });

  it("logs a refused connection's close at debug, with graphql-ws's own client as well", async () => {
    const client = liveClient(app.url, "not.a.token");
    const refused = subscribe(client, "subscription { notificationCounts { newMessages } }");
    expect(await refused.ended).toMatchObject({ code: 4401 });
    await client.dispose();
    const line = await lineMatching(logger, (entry) => entry.msg === "websocket closed" && entry.closeCode === 4401);
    expect(line).toMatchObject({ level: "debug", viewerId: null, operations: 0 });
    expect(line.requestId).toMatch(UUID);
  });
});
