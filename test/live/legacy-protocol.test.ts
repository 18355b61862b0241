import { print } from "graphql";
import { SubscriptionClient } from "subscriptions-transport-ws";
import WebSocket from "ws";
import { NotificationCountsDocument } from "../generated/operations";
import {
  LEGACY_CLOSE_REASON,
  LEGACY_MAX_MESSAGES,
  LEGACY_PROTOCOL_MESSAGE,
  LEGACY_SOCKET_MAX_OPEN_MS,
} from "../../src/ws/legacy-protocol-refusal";
import type { TestUser } from "../support/fixtures";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

/*
 * The legacy subscriptions-transport-ws protocol (subprotocol `graphql-ws`):
 * its real 0.11 client must hear, in its own protocol, to use graphql-ws
 * instead of hanging, and its socket must neither authenticate, nor run
 * anything, nor stay open.
 */

const PER_ADDRESS = 4;
const MAX_PAYLOAD = 4096;
const gateway = useGateway({
  env: {
    WS_MAX_CONNECTIONS_PER_ADDRESS: String(PER_ADDRESS),
    WS_MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD),
    // Long enough that only the legacy path's own bound can close a silent socket within a test.
    WS_CONNECTION_INIT_TIMEOUT_MS: "30000",
  },
});
let talent: TestUser;

beforeAll(async () => {
  talent = await gateway.fixtures.talent("Legacy app user");
});

const wsUrl = () => gateway.app.url.replace(/^http/, "ws");
const REFUSED = { code: 4406, reason: LEGACY_CLOSE_REASON };

interface Closed {
  code: number;
  reason: string;
}

/** A raw socket offering these subprotocols, what it received, and its close. */
async function rawSocket(protocols: string | string[]) {
  const socket = new WebSocket(wsUrl(), protocols);
  const messages: Array<{ type: string; id?: string; payload?: unknown }> = [];
  socket.on("message", (data) => messages.push(JSON.parse(String(data))));
  const closed = new Promise<Closed>((resolve) =>
    socket.once("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return { socket, messages, closed };
}

/** ws, recording how each socket the legacy client opens was closed. */
function recordingWebSocket() {
  const closes: Closed[] = [];
  class Recording extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.once("close", (code, reason) => closes.push({ code, reason: reason.toString() }));
    }
  }
  return { Recording, closes };
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the legacy subscriptions-transport-ws client", () => {
  it.each([false, true])(
    "gets an error saying to use graphql-ws within 2 s instead of hanging (reconnect: %s)",
    async (reconnect) => {
      const { Recording, closes } = recordingWebSocket();
      const connectionErrors: unknown[] = [];
      const client = new SubscriptionClient(
        wsUrl(),
        {
          reconnect,
          // The client's default is to reconnect forever, and close() does nothing while it waits to.
          reconnectionAttempts: 1,
          connectionParams: { authorization: `Bearer ${talent.token}` },
          connectionCallback: (error) => connectionErrors.push(error),
        },
        Recording,
      );
      const started = Date.now();
      try {
        const outcome = (query: string) =>
          new Promise<unknown>((resolve) =>
            client.request({ query }).subscribe({
              next: (value) => resolve({ next: value }),
              error: (error) => resolve({ error }),
              complete: () => resolve("complete"),
            }),
          );
        const outcomes = await Promise.all([
          outcome("subscription { notificationCounts { newMessages } }"),
          outcome("subscription { messageReceived { id body } }"),
        ]);
        expect(Date.now() - started).toBeLessThan(2_000);
        expect(outcomes).toEqual([
          { error: { message: LEGACY_PROTOCOL_MESSAGE } },
          { error: { message: LEGACY_PROTOCOL_MESSAGE } },
        ]);
        // A reconnecting client is refused again the same way, and hears nothing more.
        const connections = reconnect ? 2 : 1;
        await until(() => closes.length >= connections, 2_000, "the close");
        expect(closes).toEqual(Array.from({ length: connections }, () => REFUSED));
        expect(connectionErrors).toEqual(
          Array.from({ length: connections }, () => ({ message: LEGACY_PROTOCOL_MESSAGE })),
        );
      } finally {
        client.close();
      }
    },
  );

  it("names the library, the subprotocol and the README section", () => {
    expect(LEGACY_PROTOCOL_MESSAGE).toContain("use the graphql-ws library");
    expect(LEGACY_PROTOCOL_MESSAGE).toContain("graphql-transport-ws");
    expect(LEGACY_PROTOCOL_MESSAGE).toContain('"Use it from an app"');
  });
});

describe("a legacy socket is bounded", () => {
  it(`is closed within ${LEGACY_SOCKET_MAX_OPEN_MS} ms when it sends nothing`, async () => {
    const started = Date.now();
    const { messages, closed } = await rawSocket("graphql-ws");
    expect(await closed).toEqual(REFUSED);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(LEGACY_SOCKET_MAX_OPEN_MS - 100);
    expect(elapsed).toBeLessThan(LEGACY_SOCKET_MAX_OPEN_MS + 500);
    expect(messages).toEqual([]);
  });

  it(`answers no more than ${LEGACY_MAX_MESSAGES} of 1000 start messages, runs none, and closes`, async () => {
    const { socket, messages, closed } = await rawSocket("graphql-ws");
    socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${talent.token}` } }));
    for (let i = 1; i <= 1000; i += 1) {
      socket.send(
        JSON.stringify({ id: String(i), type: "start", payload: { query: print(NotificationCountsDocument) } }),
      );
    }
    const started = Date.now();
    expect(await closed).toEqual(REFUSED);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(messages.length).toBeLessThanOrEqual(LEGACY_MAX_MESSAGES);
    // The valid token did not sign it in, and nothing ran: only refusals came back.
    expect(messages[0]).toEqual({ type: "connection_error", payload: { message: LEGACY_PROTOCOL_MESSAGE } });
    expect(messages.slice(1)).toEqual(
      Array.from({ length: messages.length - 1 }, (_, i) => ({
        type: "error",
        id: String(i + 1),
        payload: { message: LEGACY_PROTOCOL_MESSAGE },
      })),
    );
  });

  it("answers starts that come after connection_init only for a short while, then closes", async () => {
    const { socket, messages, closed } = await rawSocket("graphql-ws");
    socket.send(JSON.stringify({ type: "connection_init", payload: {} }));
    const started = Date.now();
    expect(await closed).toEqual(REFUSED);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(messages.map((message) => message.type)).toEqual(["connection_error"]);
  });

  it.each([
    ["a frame that is not JSON", "{not json"],
    ["a JSON value that is not a message", "[1,2,3]"],
    ["a binary frame", Buffer.from(JSON.stringify({ type: "connection_init" }))],
  ])("closes at once on %s, answering nothing", async (_label, frame) => {
    const { socket, messages, closed } = await rawSocket("graphql-ws");
    const started = Date.now();
    socket.send(frame, { binary: Buffer.isBuffer(frame) });
    expect(await closed).toEqual(REFUSED);
    expect(Date.now() - started).toBeLessThan(500);
    expect(messages).toEqual([]);
  });

  it("closes on a frame over the size limit (1009), as any socket", async () => {
    const { socket, messages, closed } = await rawSocket("graphql-ws");
    socket.send(JSON.stringify({ type: "start", id: "1", payload: { query: "x".repeat(MAX_PAYLOAD) } }));
    expect((await closed).code).toBe(1009);
    expect(messages).toEqual([]);
  });

  it("gives no answer to a start whose id is too long to echo", async () => {
    const { socket, messages, closed } = await rawSocket("graphql-ws");
    socket.send(JSON.stringify({ type: "start", id: "i".repeat(1000), payload: {} }));
    socket.send(JSON.stringify({ type: "start", id: "2", payload: {} }));
    socket.send(JSON.stringify({ type: "connection_terminate" }));
    expect(await closed).toEqual(REFUSED);
    expect(messages).toEqual([{ type: "error", id: "2", payload: { message: LEGACY_PROTOCOL_MESSAGE } }]);
  });

  it("counts against the per-address connection cap while it is open", async () => {
    // The server counts a socket until it has seen it close, a moment after the client has.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const legacy = [];
    for (let i = 0; i < PER_ADDRESS; i += 1) legacy.push(await rawSocket("graphql-ws"));
    const refused = await rawSocket("graphql-transport-ws");
    expect(await refused.closed).toEqual({
      code: 4430,
      reason: `Too many connections from this address (limit ${PER_ADDRESS})`,
    });
    // A socket refused by the cap (never handed to graphql-ws) that errs does not bring the gateway down.
    // Sent in the open handler, the frame leaves before the client has read the 4430 close.
    const erring = new WebSocket(wsUrl(), "graphql-ws");
    erring.once("open", () => erring.send("x".repeat(MAX_PAYLOAD + 1)));
    const erred = await new Promise<number>((resolve) => erring.once("close", (code) => resolve(code)));
    expect([4430, 1009]).toContain(erred);
    // Once the legacy sockets are closed by their bound, the address has its allowance back.
    for (const { closed } of legacy) expect(await closed).toEqual(REFUSED);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const client = liveClient(gateway.app.url, talent.token);
    try {
      expect(await subscribe(client, NotificationCountsDocument).next()).toEqual({
        data: expect.objectContaining({ notificationCounts: expect.objectContaining({ newMessages: 0 }) }),
      });
    } finally {
      await client.dispose();
    }
  });
});

describe("graphql-transport-ws is served as before", () => {
  it.each([[["graphql-ws", "graphql-transport-ws"]], [["graphql-transport-ws", "graphql-ws"]]])(
    "gives a socket offering %j graphql-transport-ws, and acknowledges it",
    async (protocols) => {
      const { socket, messages } = await rawSocket(protocols);
      try {
        expect(socket.protocol).toBe("graphql-transport-ws");
        socket.send(JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${talent.token}` } }));
        await until(() => messages.length >= 1, 2_000, "the acknowledgement");
        expect(messages).toEqual([{ type: "connection_ack" }]);
      } finally {
        socket.close();
      }
    },
  );

  it("serves a graphql-ws client", async () => {
    const client = liveClient(gateway.app.url, talent.token);
    try {
      expect(await subscribe(client, NotificationCountsDocument).next()).toEqual({
        data: expect.objectContaining({ notificationCounts: expect.objectContaining({ newMessages: 0 }) }),
      });
    } finally {
      await client.dispose();
    }
  });

  it("still closes a socket that offers no subprotocol with graphql-ws's 4406", async () => {
    const { socket, closed } = await rawSocket([]);
    expect(socket.protocol).toBe("");
    expect(await closed).toEqual({ code: 4406, reason: "Subprotocol not acceptable" });
  });
});
