/**
 * @jest-environment-options {"customExportConditions": ["node", "node-addons", "development"]}
 */
// Apollo Client runs its development checks (the "Cache data may be lost" warning among them)
// only under its "development" export condition, as a bundler's dev build selects it: this
// file asks for it, so that "no warning" below means the check ran and found nothing.

import { gql } from "@apollo/client";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";
import jwt from "jsonwebtoken";
import { format } from "node:util";
import WebSocket from "ws";
import { createDashboardApp, type DashboardApp } from "../../examples/apollo-client/dashboard-app";
import { createDashboardCache } from "../../examples/apollo-client/dashboard-cache";
import { createDashboardClient } from "../../examples/apollo-client/dashboard-client";
import { DashboardDocument, LiveCountsDocument } from "../../examples/apollo-client/generated/graphql";
import { SendMessageDocument, SignUpDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useRestartableGateway } from "../support/restartable-gateway";
import { TEST_JWT_SECRET } from "../support/test-app";

/*
 * examples/apollo-client against a production-like gateway (trusted documents
 * only, so every document goes by its hash): one app from sign-in through
 * paging, live pushes, a token refresh and a gateway restart, reading what it
 * shows from Apollo's normalised cache.
 */

const TTL_SECONDS = 600;
const gateway = useRestartableGateway({
  env: { TRUSTED_DOCUMENTS: "require", JWT_TTL_SECONDS: String(TTL_SECONDS) },
});

const PASSWORD = "a-password-long-enough";
const PAGE_SIZE = 5;
const MESSAGES_BEFORE_START = 12;
const DOWNTIME_MS = 5_000;

loadDevMessages();
loadErrorMessages();

/** Polls until `condition` holds; fails naming what it waited for. */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function signUp(name: string, accountType: "TALENT" | "CASTING_DIRECTOR") {
  const email = `apollo-${name.toLowerCase()}-${Date.now()}@talent.test`;
  const { data, errors } = await request(gateway.url, SignUpDocument, {
    input: { email, password: PASSWORD, name, accountType },
  });
  if (errors) throw new Error(errors.map((error) => error.message).join("; "));
  return { email, token: data!.signUp.token, id: data!.signUp.user.id };
}

async function sendMessage(from: { token: string }, to: { id: string }, body: string): Promise<string> {
  const { data, errors } = await request(
    gateway.url,
    SendMessageDocument,
    { input: { toUserId: to.id, body } },
    { token: from.token },
  );
  if (errors) throw new Error(errors.map((error) => error.message).join("; "));
  return data!.sendMessage.id;
}

/** Every HTTP request the app sends: which operation, with which token, and whether it carried the text. */
interface SentRequest {
  operationName: string;
  authorization: string | null;
  withText: boolean;
}

/** What a socket sent: the token of each connection_init, and each subscribe's query text and hash. */
interface SocketRecord {
  connectionInits: Array<{ authorization: unknown; held: string | null }>;
  subscribes: Array<{ query: unknown; persistedQuery: unknown }>;
}

/** A `ws` WebSocket that notes what graphql-ws sends; `held` is the token the app holds at that moment. */
function recordingWebSocket(record: SocketRecord, held: () => string | null) {
  return class RecordingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      const send = this.send.bind(this) as (data: unknown, ...rest: unknown[]) => void;
      this.send = ((data: unknown, ...rest: unknown[]) => {
        const message = JSON.parse(String(data)) as {
          type: string;
          payload?: { authorization?: unknown; query?: unknown; extensions?: { persistedQuery?: unknown } };
        };
        if (message.type === "connection_init") {
          record.connectionInits.push({ authorization: message.payload?.authorization, held: held() });
        }
        if (message.type === "subscribe") {
          record.subscribes.push({
            query: message.payload?.query,
            persistedQuery: message.payload?.extensions?.persistedQuery,
          });
        }
        send(data, ...rest);
      }) as WebSocket["send"];
    }
  };
}

const newSocketRecord = (): SocketRecord => ({ connectionInits: [], subscribes: [] });

const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;

describe("the Apollo Client example, from sign-in through a gateway restart", () => {
  const warnings: unknown[][] = [];
  const requests: SentRequest[] = [];
  const socket = newSocketRecord();
  let app: DashboardApp;
  let talent: Awaited<ReturnType<typeof signUp>>;
  let director: Awaited<ReturnType<typeof signUp>>;
  let sentIds: string[];
  let signInToken: string;
  let firstLiveId: string;

  const cachedDashboard = () =>
    app.client.cache.readQuery({ query: DashboardDocument, variables: { first: PAGE_SIZE } })?.dashboard;

  beforeAll(async () => {
    // Apollo reports through console.warn/console.error (its invariant warnings).
    for (const method of ["warn", "error"] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void warnings.push(args));
    }
    talent = await signUp("Talia", "TALENT");
    director = await signUp("Dora", "CASTING_DIRECTOR");
    sentIds = [];
    for (let n = 1; n <= MESSAGES_BEFORE_START; n += 1) {
      sentIds.push(await sendMessage(director, talent, `Before the app started, number ${n}`));
    }

    const recordingFetch: typeof fetch = (input, init) => {
      const body = JSON.parse(String(init?.body ?? "{}")) as { operationName?: string; query?: string };
      const authorization = new Headers(init?.headers).get("authorization");
      requests.push({ operationName: body.operationName ?? "", authorization, withText: body.query !== undefined });
      return fetch(input, init);
    };
    app = createDashboardApp({
      url: gateway.url,
      email: talent.email,
      password: PASSWORD,
      pageSize: PAGE_SIZE,
      // The gateway's tokens last TTL_SECONDS: refresh 1.5 s after each is issued.
      refreshMarginSeconds: TTL_SECONDS - 1.5,
      fetch: recordingFetch,
      webSocketImpl: recordingWebSocket(socket, () => app.token),
    });
    await app.start();
    signInToken = app.token!;
  });

  afterAll(async () => {
    await app?.stop();
    jest.restoreAllMocks();
  });

  it("signs in and loads the Dashboard's counts, sending every document by its hash", () => {
    expect(app.dashboard()).toMatchObject({
      id: talent.id,
      atAGlance: { id: talent.id, newMessages: MESSAGES_BEFORE_START, newInvitations: 0, auditionRequests: 0 },
      messages: { totalCount: MESSAGES_BEFORE_START, pageInfo: { hasNextPage: true } },
    });
    // TRUSTED_DOCUMENTS=require runs only the manifest's documents: each was found
    // by its hash alone, with no second request sending the text.
    expect(requests).toEqual([
      { operationName: "SignIn", authorization: null, withText: false },
      { operationName: "Dashboard", authorization: `Bearer ${signInToken}`, withText: false },
    ]);
  });

  it("subscribes over the websocket by hash too, with the token in connectionParams", async () => {
    await waitFor("both subscriptions", () => socket.subscribes.length === 2 && app.liveStatus === "connected");
    expect(socket.subscribes).toEqual([
      { query: "", persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } },
      { query: "", persistedQuery: { version: 1, sha256Hash: expect.stringMatching(/^[0-9a-f]{64}$/) } },
    ]);
    expect(socket.connectionInits).toEqual([{ authorization: `Bearer ${signInToken}`, held: signInToken }]);
  });

  it("pages through every message into one list: newest first, each once, to the end", async () => {
    while (await app.loadMoreMessages());

    const messages = app.dashboard()!.messages;
    const ids = messages.edges.map((edge) => edge.node.id);
    expect(ids).toEqual([...sentIds].reverse());
    expect(new Set(ids).size).toBe(MESSAGES_BEFORE_START);
    expect(messages.pageInfo.hasNextPage).toBe(false);
    // 12 messages, 5 a page: the Dashboard's first page, then two MoreMessages.
    expect(requests.filter((sent) => sent.operationName === "MoreMessages")).toHaveLength(2);
    expect(await app.loadMoreMessages()).toBe(false);
  });

  it("keeps one cached dashboard under both queries: MoreMessages merged into it, nothing was lost", () => {
    const cache = app.client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(cache.ROOT_QUERY!.dashboard).toEqual({ __ref: `TalentDashboard:${talent.id}` });
    expect(Object.keys(cache).filter((key) => key.startsWith("TalentDashboard:"))).toEqual([
      `TalentDashboard:${talent.id}`,
    ]);
    // The Dashboard query still reads whole from the cache, atAGlance included.
    expect(cachedDashboard()?.atAGlance.newMessages).toBe(MESSAGES_BEFORE_START);
    expect(cachedDashboard()?.messages.edges).toHaveLength(MESSAGES_BEFORE_START);
    expect(warnings).toEqual([]);
  });

  it("shows a live message first in the list, and the pushed counts in the cached dashboard by themselves", async () => {
    // What a UI component does: watch the Dashboard in the cache, never asking the network.
    const watched: number[] = [];
    const watch = app.client
      .watchQuery({ query: DashboardDocument, variables: { first: PAGE_SIZE }, fetchPolicy: "cache-only" })
      .subscribe(({ data }) => {
        const count = data?.dashboard?.atAGlance?.newMessages;
        if (count !== undefined) watched.push(count);
      });
    try {
      await waitFor("the live connection", () => app.liveStatus === "connected");
      const liveId = await sendMessage(director, talent, "While you were watching");
      firstLiveId = liveId;

      await waitFor("MessageReceived", () => app.received.some((message) => message.id === liveId));
      await waitFor(
        "the pushed counts in the cache",
        () => cachedDashboard()?.atAGlance.newMessages === MESSAGES_BEFORE_START + 1,
      );
      // The app never writes AtAGlance: the LiveCounts result, keyed AtAGlance:<id>, is the dashboard's own.
      expect(cachedDashboard()!.atAGlance).toEqual({
        __typename: "AtAGlance",
        id: talent.id,
        newMessages: MESSAGES_BEFORE_START + 1,
        newInvitations: 0,
        auditionRequests: 0,
        draftApplications: 0,
        newRolesMatched: 0,
      });
      await waitFor("the watched Dashboard to emit the new count", () => watched.includes(MESSAGES_BEFORE_START + 1));
      expect(app.dashboard()!.messages.edges[0]!.node.id).toBe(liveId);
      expect(app.dashboard()!.messages.totalCount).toBe(MESSAGES_BEFORE_START + 1);
      expect(warnings).toEqual([]);
    } finally {
      watch.unsubscribe();
    }
  });

  it("refreshes its token before expiry, in the same session, and sends the new one", async () => {
    await waitFor("a refreshed token", () => app.token !== signInToken, 4_000);
    const refreshed = app.token!;
    expect(claimsOf(refreshed).auth_time).toBe(claimsOf(signInToken).auth_time);
    expect(claimsOf(refreshed).exp).toBeGreaterThan(claimsOf(signInToken).exp!);
    expect(app.expiresAt!.getTime() / 1000).toBe(claimsOf(refreshed).exp);

    // A pull-to-refresh: the Dashboard from the network (its first page of messages again).
    await app.client.query({ query: DashboardDocument, variables: { first: PAGE_SIZE }, fetchPolicy: "network-only" });
    expect(requests.at(-1)).toEqual({
      operationName: "Dashboard",
      authorization: `Bearer ${refreshed}`,
      withText: false,
    });
  });

  it("comes back by itself after a restart with downtime: fresh counts, and live messages again", async () => {
    const connectionsBefore = socket.connectionInits.length;
    await gateway.down();
    await waitFor("the app to notice the restart", () => app.liveStatus === "reconnecting");

    // Written while the gateway is down: no event announces it; the counts after resubscribing must show it.
    await gateway.fixtures.message(Number(director.id), Number(talent.id), { sentAt: new Date() });
    await new Promise((resolve) => setTimeout(resolve, DOWNTIME_MS));

    await gateway.up();
    const upAt = Date.now();
    await waitFor(
      "fresh counts after reconnecting",
      () => cachedDashboard()?.atAGlance.newMessages === MESSAGES_BEFORE_START + 2,
      10_000,
    );
    const reconnectMs = Date.now() - upAt;
    expect(app.liveStatus).toBe("connected");
    // Only the counts tell of the message written meanwhile: no event brought it to the list.
    expect(app.dashboard()!.messages.edges[0]!.node.id).toBe(firstLiveId);
    console.info(`Apollo example: fresh counts ${reconnectMs} ms after the gateway came back`);

    // The reconnect sent the token the app held then: a refreshed one, not the sign-in's.
    const reconnect = socket.connectionInits.at(-1)!;
    expect(socket.connectionInits.length).toBeGreaterThan(connectionsBefore);
    expect(reconnect.authorization).toBe(`Bearer ${reconnect.held}`);
    expect(reconnect.held).not.toBe(signInToken);

    const liveId = await sendMessage(director, talent, "After the restart");
    await waitFor("MessageReceived after the restart", () => app.received.some((message) => message.id === liveId));
    await waitFor(
      "the counts after the restart",
      () => cachedDashboard()?.atAGlance.newMessages === MESSAGES_BEFORE_START + 3,
    );
    expect(app.dashboard()!.messages.edges[0]!.node.id).toBe(liveId);
    expect(warnings).toEqual([]);
  });
});

describe("the Apollo Client example's websocket when the token expires", () => {
  it("reconnects with the refreshed token when the gateway closes a socket whose token expired", async () => {
    const talent = await gateway.fixtures.talent("Eve Expiring");
    const expiring = jwt.sign({ acct: "TALENT", auth_time: Math.floor(Date.now() / 1000) }, TEST_JWT_SECRET, {
      algorithm: "HS256",
      issuer: "talent-dashboard",
      subject: String(talent.user.id),
      expiresIn: 2,
    });
    let token = expiring;
    const record = newSocketRecord();
    const snapshots: number[] = [];
    const { client, stop } = createDashboardClient({
      url: gateway.url,
      token: () => token,
      webSocketImpl: recordingWebSocket(record, () => token),
    });
    const counts = client.subscribe({ query: LiveCountsDocument }).subscribe(({ data }) => {
      if (data) snapshots.push(data.notificationCounts.newMessages);
    });
    try {
      await waitFor("the first snapshot", () => snapshots.length === 1);
      token = talent.token; // what the session's refresh does, before the old token expires
      // At its expiry the gateway closes the socket 4403: the client holds another token, so it reconnects.
      await waitFor("a connection with the new token", () => record.connectionInits.length === 2, 5_000);
      expect(record.connectionInits.map((init) => init.authorization)).toEqual([
        `Bearer ${expiring}`,
        `Bearer ${talent.token}`,
      ]);
      await waitFor("the counts again, on the new connection", () => snapshots.length === 2);
    } finally {
      counts.unsubscribe();
      await stop();
    }
  });
});

describe("the Apollo Client example's sign-in failures", () => {
  it("fails start() with the gateway's answer to a wrong password, at once", async () => {
    const talent = await signUp("Wrong", "TALENT");
    const app = createDashboardApp({ url: gateway.url, email: talent.email, password: "not-the-password" });
    const started = Date.now();
    try {
      await expect(app.start()).rejects.toThrow(/email or password/i);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(app.token).toBeNull();
    } finally {
      await app.stop();
    }
  });

  it("reports a forged token's refusal within 3 s, after one connection", async () => {
    const talent = await gateway.fixtures.talent("Felix Forger");
    // Signed as the gateway signs, but with another secret.
    const forged = jwt.sign({ acct: "TALENT", auth_time: Math.floor(Date.now() / 1000) }, `not-${TEST_JWT_SECRET}`, {
      algorithm: "HS256",
      issuer: "talent-dashboard",
      subject: String(talent.user.id),
      expiresIn: 600,
    });
    const record = newSocketRecord();
    const refusals: number[] = [];
    const { client, stop } = createDashboardClient({
      url: gateway.url,
      token: () => forged,
      webSocketImpl: recordingWebSocket(record, () => forged),
      onTokenRefused: (code) => refusals.push(code),
    });
    try {
      const result = await new Promise<{ error?: Error }>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error("No answer within 3 s")), 3_000);
        const subscription = client.subscribe({ query: LiveCountsDocument }).subscribe((next) => {
          clearTimeout(deadline);
          subscription.unsubscribe();
          resolve(next);
        });
      });
      // 4401: the gateway tells a forged token from an expired one (4403), and graphql-ws does not retry it.
      expect(result.error?.message).toMatch(/Socket closed with event 4401 Invalid token: sign in again/);
      expect(refusals).toHaveLength(1);
      expect(record.connectionInits).toHaveLength(1);

      // Over HTTP the same token is refused at once.
      await expect(client.query({ query: DashboardDocument, variables: { first: 1 } })).rejects.toMatchObject({
        errors: [{ message: "The token is invalid", extensions: { code: "UNAUTHENTICATED" } }],
      });
    } finally {
      await stop();
    }
  });
});

describe("the no-warning checks above", () => {
  it("do see Apollo's data-loss warning when the dashboard has no id to be merged by", () => {
    const warned: string[] = [];
    const spy = jest
      .spyOn(console, "warn")
      .mockImplementation((...args: unknown[]) => void warned.push(format(...args)));
    try {
      // The two queries' shapes as they were before the gateway gave the dashboard an id.
      const cache = createDashboardCache();
      cache.writeQuery({
        query: gql`
          query DashboardWithoutIds {
            dashboard {
              atAGlance {
                newMessages
              }
              messages(first: 1) {
                totalCount
              }
            }
          }
        `,
        data: {
          dashboard: {
            __typename: "TalentDashboard",
            atAGlance: { __typename: "AtAGlance", newMessages: 1 },
            messages: { __typename: "MessageConnection", totalCount: 1 },
          },
        },
      });
      cache.writeQuery({
        query: gql`
          query MoreMessagesWithoutIds {
            dashboard {
              messages(first: 1, after: "x") {
                totalCount
              }
            }
          }
        `,
        data: {
          dashboard: { __typename: "TalentDashboard", messages: { __typename: "MessageConnection", totalCount: 1 } },
        },
      });
      expect(warned.join("\n")).toMatch(/Cache data may be lost when replacing the dashboard field of a Query object/);
    } finally {
      spy.mockRestore();
    }
  });
});
