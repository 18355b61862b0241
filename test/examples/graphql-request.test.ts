import { print } from "graphql";
import { ClientError, GraphQLClient } from "graphql-request";
import { createClient } from "graphql-ws";
import jwt from "jsonwebtoken";
import WebSocket from "ws";
import { createDashboardApp, type DashboardApp } from "../../examples/graphql-request/dashboard-app";
import {
  DashboardDocument,
  LiveCountsDocument,
  MoreMessagesDocument,
  SignInDocument,
} from "../../examples/graphql-request/generated/graphql";
import { createHttpClient } from "../../examples/graphql-request/http-client";
import { createLiveClient, subscribeByHash } from "../../examples/graphql-request/live-client";
import { createSession } from "../../examples/graphql-request/session";
import { SignedOutError } from "../../examples/graphql-request/signed-out";
import trustedDocuments from "../../schema/trusted-documents.json";
import { SendMessageDocument, SignUpDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useRestartableGateway } from "../support/restartable-gateway";
import { TEST_JWT_SECRET } from "../support/test-app";

/*
 * examples/graphql-request/ (graphql-request 7 + graphql-ws 6) against a real
 * gateway that runs only trusted documents, as in production: sign-in, the
 * Dashboard, paging, live pushes, token refresh, a restart with 5 s of
 * downtime, and refused tokens. Every document goes by its hash.
 */

const TTL_SECONDS = 60;
const gateway = useRestartableGateway({ env: { TRUSTED_DOCUMENTS: "require", JWT_TTL_SECONDS: String(TTL_SECONDS) } });
const PASSWORD = "a-password-long-enough";
/** The longest websocket backoff in these tests: the app reconnects within it once the gateway is back. */
const MAX_RETRY_DELAY_MS = 1_000;

let accounts = 0;
async function signUp(accountType: "TALENT" | "CASTING_DIRECTOR", name: string) {
  const email = `graphql-request-${Date.now()}-${++accounts}@talent.test`;
  const { data, errors } = await request(gateway.url, SignUpDocument, {
    input: { email, password: PASSWORD, name, accountType },
  });
  expect(errors).toBeUndefined();
  return { id: data!.signUp.user.id, token: data!.signUp.token, email };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface SentRequest {
  method: string;
  url: URL;
  body: Record<string, unknown> | null;
  authorization: string | null;
  /** The app's token when the request left. */
  currentToken: string | null;
}

/** The platform's fetch, recording what graphql-request (through the example's document-id fetch) sends. */
function recordingFetch(currentToken: () => string | null = () => null) {
  const sent: SentRequest[] = [];
  const recorded: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    sent.push({
      method: init?.method ?? "GET",
      url,
      body: typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : null,
      authorization: new Headers(init?.headers).get("authorization"),
      currentToken: currentToken(),
    });
    return fetch(input, init);
  };
  return { fetch: recorded, sent };
}

/** ws's WebSocket, recording the messages graphql-ws sends (connection_init's token, subscribe payloads). */
function recordingWebSocket() {
  const sent: Array<{ type: string; payload?: Record<string, unknown> }> = [];
  class RecordingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      // graphql-ws sends text frames only, each one message.
      const send = this.send.bind(this) as (data: string) => void;
      this.send = ((data: string) => {
        sent.push(JSON.parse(data) as (typeof sent)[number]);
        send(data);
      }) as WebSocket["send"];
    }
  }
  const tokensSent = () =>
    sent
      .filter((message) => message.type === "connection_init")
      .map((message) => String(message.payload?.authorization).replace(/^Bearer /, ""));
  return { WebSocket: RecordingWebSocket, sent, tokensSent };
}

const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;
/** The id codegen's client preset gave a document ("sha256:<hex>"). */
const hashOf = (document: object) => (document as { __meta__: { hash: string } }).__meta__.hash;

type Account = Awaited<ReturnType<typeof signUp>>;

describe("the graphql-request + graphql-ws example", () => {
  let talent: Account;
  let otherTalent: Account;
  let director: Account;

  beforeAll(async () => {
    // Each sign-up hashes a password (scrypt, about half a second): side by side, they take the time of one or two.
    [talent, otherTalent, director] = await Promise.all([
      signUp("TALENT", "Rowan Request"),
      signUp("TALENT", "Gil Get"),
      signUp("CASTING_DIRECTOR", "Dana Director"),
    ]);
  });

  describe("one app through a whole session", () => {
    let app: DashboardApp;
    let signInToken: string;
    let expectedIds: string[];
    const lines: string[] = [];
    const http = recordingFetch(() => app.state.session?.token ?? null);
    const socket = recordingWebSocket();

    const sendMessage = async (body: string) => {
      const { data, errors } = await request(
        gateway.url,
        SendMessageDocument,
        { input: { toUserId: talent.id, body } },
        { token: director.token },
      );
      expect(errors).toBeUndefined();
      return data!.sendMessage.id;
    };
    const countsWith = (newMessages: number) => ({
      id: talent.id,
      newMessages,
      newInvitations: 0,
      auditionRequests: 0,
      draftApplications: 0,
      newRolesMatched: 0,
    });

    beforeAll(async () => {
      // Seven messages, one a minute: three pages of three.
      const now = Date.now();
      const messages = [];
      for (let minutesAgo = 7; minutesAgo >= 1; minutesAgo -= 1) {
        messages.push(
          await gateway.fixtures.message(Number(director.id), Number(talent.id), {
            body: `Message from ${minutesAgo} min ago`,
            sentAt: new Date(now - minutesAgo * 60_000),
          }),
        );
      }
      expectedIds = messages.reverse().map((message) => String(message.id));

      app = createDashboardApp({
        url: gateway.url,
        email: talent.email,
        password: PASSWORD,
        pageSize: 3,
        // The first refresh comes 1.5 s after sign-in (and every 1.5 s after that).
        refreshMarginMs: (TTL_SECONDS - 1.5) * 1000,
        maxRetryDelayMs: MAX_RETRY_DELAY_MS,
        webSocketImpl: socket.WebSocket,
        fetch: http.fetch,
        log: (line) => lines.push(line),
      });
    });

    afterAll(() => app?.stop());

    it("signs in and shows the counts and the first page of messages", async () => {
      await app.start();
      signInToken = socket.tokensSent()[0]!;
      expect(app.state.user).toEqual({ id: talent.id, name: "Rowan Request" });
      expect(app.state.counts).toEqual(countsWith(7));
      expect(app.state.messages.items.map((item) => item.id)).toEqual(expectedIds.slice(0, 3));
      expect(app.state.messages).toMatchObject({ totalCount: 7, hasNextPage: true });
      expect(app.state.live.state).toBe("connected");
      expect(lines[0]).toBe("signed in as Rowan Request");
      expect(lines).toContain("live: connected");
    });

    it("sends every document by its hash alone, over HTTP and the websocket", () => {
      const [signIn, dashboard] = http.sent;
      expect(
        [signIn, dashboard].map((sent) => [sent!.method, sent!.body?.operationName, sent!.body?.documentId]),
      ).toEqual([
        ["POST", "SignIn", hashOf(SignInDocument)],
        ["POST", "Dashboard", hashOf(DashboardDocument)],
      ]);
      for (const sent of http.sent) expect(sent.body).not.toHaveProperty("query");
      // The ids are the manifest's (npm run codegen merged the preset's persisted-documents.json into it).
      for (const document of [SignInDocument, DashboardDocument, LiveCountsDocument]) {
        expect(Object.keys(trustedDocuments)).toContain(hashOf(document).slice("sha256:".length));
      }
      const subscribes = socket.sent.filter((message) => message.type === "subscribe");
      expect(subscribes.map((message) => message.payload)).toContainEqual({
        query: "",
        operationName: "LiveCounts",
        extensions: { persistedQuery: { version: 1, sha256Hash: hashOf(LiveCountsDocument).slice("sha256:".length) } },
      });
    });

    it("pages through every message, newest first, each once", async () => {
      while (app.state.messages.hasNextPage) await app.loadMoreMessages();
      expect(app.state.messages.items.map((item) => item.id)).toEqual(expectedIds);
      expect(app.state.messages).toMatchObject({ totalCount: 7, hasNextPage: false });
      const pages = http.sent.filter((sent) => sent.body?.operationName === "MoreMessages");
      expect(pages.map((sent) => sent.body?.variables)).toEqual([
        { first: 3, after: expect.any(String) },
        { first: 3, after: expect.any(String) },
      ]);
      expect(pages[0]!.body?.documentId).toBe(hashOf(MoreMessagesDocument));
    });

    it("shows a pushed message at the top, and the counts rise", async () => {
      const id = await sendMessage("Callback on Thursday?");
      await waitFor("the pushed message and counts", () => app.state.counts?.newMessages === 8);
      await waitFor("the pushed message", () => app.state.messages.items[0]?.id === id);
      expect(app.state.messages.items[0]).toMatchObject({
        id,
        preview: "Callback on Thursday?",
        unread: true,
        sender: { id: director.id, name: "Dana Director" },
      });
      expect(app.state.messages.totalCount).toBe(8);
      expect(app.state.messages.items.map((item) => item.id)).toEqual([id, ...expectedIds]);
      expectedIds = [id, ...expectedIds];
    });

    it("refreshes its token before it expires, in the same session, and sends the new one", async () => {
      await waitFor("a refresh", () => app.state.session!.token !== signInToken, 3_000);
      const { token: refreshed, expiresAt } = app.state.session!;
      expect(claimsOf(refreshed).auth_time).toBe(claimsOf(signInToken).auth_time);
      expect(claimsOf(refreshed).exp).toBeGreaterThan(claimsOf(signInToken).exp!);
      expect(Date.parse(expiresAt) / 1000).toBe(claimsOf(refreshed).exp);
      expect(lines).toContain(`token refreshed; it expires at ${expiresAt}`);

      const before = http.sent.length;
      await app.reload();
      // Refreshes go on every 1.5 s: the reload carries whichever token was current when it left.
      const reload = http.sent.slice(before).find((sent) => sent.body?.operationName === "Dashboard")!;
      expect(reload.authorization).toBe(`Bearer ${reload.currentToken}`);
      expect(reload.currentToken).not.toBe(signInToken);
    });

    it("comes back by itself after a restart with 5 s of downtime, with the counts as they are now", async () => {
      const attemptsBefore = app.state.live.attempts;
      await gateway.down();
      const downAt = Date.now();
      await waitFor("the restart's close", () => lines.includes("live: closed 1012 Server restarting"));
      // Written while the gateway is down: no push announces it.
      const missed = await gateway.fixtures.message(Number(director.id), Number(talent.id), {
        body: "Sent while you were away",
        sentAt: new Date(),
      });
      await new Promise((resolve) => setTimeout(resolve, 5_000 - (Date.now() - downAt)));
      // graphql-ws's default shouldRetry would have stopped at the first refused connection.
      expect(app.state.live.state).not.toBe("connected");
      expect(app.state.live.attempts).toBeGreaterThan(attemptsBefore + 2);

      await gateway.up();
      const upAt = Date.now();
      await waitFor(
        "the fresh counts",
        () => app.state.live.state === "connected" && app.state.counts?.newMessages === 9,
      );
      const reconnectMs = Date.now() - upAt;
      await waitFor("the missed message", () => app.state.messages.items[0]?.id === String(missed.id));
      console.log(
        `graphql-request example: live again ${reconnectMs} ms after up(), attempts ${app.state.live.attempts}`,
      );
      expect(reconnectMs).toBeLessThan(MAX_RETRY_DELAY_MS + 1_000);
      expect(app.state.messages.items.map((item) => item.id)).toEqual([String(missed.id), ...expectedIds]);
      expect(lines).toContain("live: reconnected");

      // The new connection signed in with a refreshed token of the same session, not the first one.
      const reconnectedWith = socket.tokensSent().at(-1)!;
      expect(reconnectedWith).not.toBe(signInToken);
      expect(claimsOf(reconnectedWith).auth_time).toBe(claimsOf(signInToken).auth_time);
      expectedIds = [String(missed.id), ...expectedIds];
    });

    it("receives pushes again after the restart", async () => {
      const id = await sendMessage("Still there?");
      await waitFor("the pushed message", () => app.state.messages.items[0]?.id === id);
      await waitFor("the counts", () => app.state.counts?.newMessages === 10);
      expect(app.state.messages.items.map((item) => item.id)).toEqual([id, ...expectedIds]);
    });
  });

  it("sends queries as GET when asked: signed in, they pass CSRF prevention, by id", async () => {
    const http = recordingFetch();
    const app = createDashboardApp({
      url: gateway.url,
      email: otherTalent.email,
      password: PASSWORD,
      method: "GET",
      fetch: http.fetch,
      log: () => undefined,
    });
    try {
      await app.start();
      expect(app.state.messages).toMatchObject({ items: [], totalCount: 0, hasNextPage: false });
      expect(app.state.counts).toMatchObject({ id: otherTalent.id, newMessages: 0 });
    } finally {
      await app.stop();
    }
    const dashboard = http.sent.find((sent) => sent.url.searchParams.get("operationName") === "Dashboard")!;
    expect(dashboard.method).toBe("GET");
    expect(dashboard.authorization).toMatch(/^Bearer /);
    expect(dashboard.url.searchParams.get("documentId")).toBe(hashOf(DashboardDocument));
    expect(dashboard.url.searchParams.has("query")).toBe(false);
    // Mutations stay POST whatever the method.
    expect(http.sent[0]).toMatchObject({ method: "POST", body: { operationName: "SignIn" } });
  });

  it("finds graphql-request's default full text only for documents without fragments", async () => {
    // Without the example's fetch: what graphql-request sends by itself, print(document).
    const plain = new GraphQLClient(gateway.url);
    const { login } = await plain.request(SignInDocument, { email: otherTalent.email, password: PASSWORD });
    expect(login.user.id).toBe(otherTalent.id);
    // print() of the preset's document lists its fragments in another order than operations.graphql and the
    // preset's own normalised text: the gateway finds neither, so a document with fragments must go by its hash.
    expect(print(DashboardDocument).match(/fragment \w+/g)).toEqual([
      "fragment MessageItem",
      "fragment Counts",
      "fragment MessagePage",
    ]);
    const refused = await plain
      .request(DashboardDocument, { first: 1 }, { authorization: `Bearer ${login.token}` })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ClientError);
    expect((refused as ClientError).response.status).toBe(403);
    expect((refused as ClientError).response.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_TRUSTED");
  });

  describe("credentials the gateway refuses", () => {
    const forged = () => {
      const now = Math.floor(Date.now() / 1000);
      return jwt.sign({ acct: "TALENT", auth_time: now, exp: now + 600 }, "another-secret-that-is-long-enough-too", {
        algorithm: "HS256",
        issuer: "talent-dashboard",
        subject: "1",
      });
    };

    it("fails start() with the gateway's message for a wrong password", async () => {
      const app = createDashboardApp({
        url: gateway.url,
        email: otherTalent.email,
        password: "wrong",
        log: () => undefined,
      });
      await expect(app.start()).rejects.toThrow(new SignedOutError("Invalid email or password"));
      expect(app.state.signedOut).toBeInstanceOf(SignedOutError);
    });

    it("ends a resumed session at once: start() fails with SignedOutError", async () => {
      const token = forged();
      const app = createDashboardApp({
        url: gateway.url,
        session: { token, expiresAt: new Date(claimsOf(token).exp! * 1000).toISOString() },
        log: () => undefined,
      });
      const startedAt = Date.now();
      await expect(app.start()).rejects.toThrow(SignedOutError);
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(app.state.signedOut).toBeInstanceOf(SignedOutError);
      expect(app.state.session).toBeNull();
    });

    it("stops the websocket within 3 s, after at most two connections, instead of retrying forever", async () => {
      const token = forged();
      const session = createSession({
        http: createHttpClient({ url: gateway.url, token: () => session.token }),
        refreshMarginMs: 0,
        log: () => undefined,
      });
      session.resume({ token, expiresAt: new Date(claimsOf(token).exp! * 1000).toISOString() });
      const live = createLiveClient({
        url: gateway.url,
        token: (refused) => session.tokenForConnection(refused),
        maxRetryDelayMs: MAX_RETRY_DELAY_MS,
      });
      const startedAt = Date.now();
      try {
        const failure = await new Promise<unknown>((resolve) => {
          subscribeByHash(live.client, LiveCountsDocument, {
            next: () => resolve(new Error("counts arrived for a forged token")),
            error: resolve,
            complete: () => resolve(new Error("completed")),
          });
        });
        expect(Date.now() - startedAt).toBeLessThan(3_000);
        // The gateway closes a forged token's socket 4401, which graphql-ws does not retry: one connection.
        expect(failure).toMatchObject({ code: 4401, reason: "Invalid token: sign in again" });
        expect(live.status.attempts).toBe(1);
        const attempts = live.status.attempts;
        // Longer than any backoff: no further attempt comes.
        await new Promise((resolve) => setTimeout(resolve, MAX_RETRY_DELAY_MS + 200));
        expect(live.status.attempts).toBe(attempts);
      } finally {
        session.stop();
        await live.dispose();
      }
    });

    it("reconnects with the refreshed token when the gateway closes a socket 4403 at its token's expiry", async () => {
      const { user } = await gateway.fixtures.talent("Ezra Expiry");
      const now = Math.floor(Date.now() / 1000);
      // Issued as the gateway issues them, but valid for 3–4 s only (JWT_TTL_SECONDS cannot go below 60).
      const shortLived = jwt.sign({ acct: "TALENT", auth_time: now, exp: now + 4 }, TEST_JWT_SECRET, {
        algorithm: "HS256",
        issuer: "talent-dashboard",
        subject: String(user.id),
      });
      const socket = recordingWebSocket();
      const lines: string[] = [];
      const app = createDashboardApp({
        url: gateway.url,
        session: { token: shortLived, expiresAt: new Date((now + 4) * 1000).toISOString() },
        // Refreshed 1–2 s in: after the first connection, before the gateway closes it at expiry.
        refreshMarginMs: 2_000,
        maxRetryDelayMs: MAX_RETRY_DELAY_MS,
        webSocketImpl: socket.WebSocket,
        log: (line) => lines.push(line),
      });
      try {
        await app.start();
        await waitFor("the close at expiry", () => app.state.live.lastClose?.code === 4403);
        await waitFor("the reconnection", () => app.state.live.state === "connected");
        expect(app.state.live.lastClose).toEqual({ code: 4403, reason: "Token expired" });
        const [first, second] = socket.tokensSent();
        expect(first).toBe(shortLived);
        expect(second).toBe(app.state.session!.token);
        expect(claimsOf(second!).auth_time).toBe(now);
        expect(lines).toEqual(expect.arrayContaining(["live: closed 4403 Token expired", "live: reconnected"]));
      } finally {
        await app.stop();
      }
    });
  });

  it("needs ws's WebSocket on Node before 22, which has no global one", () => {
    const nodeMajor = Number(process.versions.node.split(".")[0]);
    const hasGlobalWebSocket = typeof (globalThis as { WebSocket?: unknown }).WebSocket === "function";
    expect(hasGlobalWebSocket).toBe(nodeMajor >= 22);
    const withoutImpl = () => createClient({ url: gateway.url.replace(/^http/, "ws") });
    if (hasGlobalWebSocket) expect(withoutImpl).not.toThrow();
    else expect(withoutImpl).toThrow(/WebSocket implementation missing/);
    expect(() => createClient({ url: gateway.url.replace(/^http/, "ws"), webSocketImpl: WebSocket })).not.toThrow();
  });
});
