import jwt from "jsonwebtoken";
import WebSocket from "ws";
import { createDashboardApp, type DashboardApp } from "../../examples/urql/dashboard-app";
import { createDashboardClient } from "../../examples/urql/dashboard-client";
import { DashboardDocument, LiveCountsDocument } from "../../examples/urql/generated/graphql";
import { createLiveSocket } from "../../examples/urql/live-socket";
import { createSession, SignedOutError } from "../../examples/urql/session";
import { SendMessageDocument, SignUpDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useRestartableGateway } from "../support/restartable-gateway";

/*
 * examples/urql/ against a production-like gateway (trusted documents only)
 * that is taken down and brought back: urql 6 with graphcache, persisted
 * documents by hash, urql's default GETs for queries, a token refreshed by
 * timer, and graphql-ws subscriptions that survive the restart. The steps run
 * in order on one app, as a user's session would.
 */

const TTL_SECONDS = 60;
const gateway = useRestartableGateway({ env: { TRUSTED_DOCUMENTS: "require", JWT_TTL_SECONDS: String(TTL_SECONDS) } });
const PASSWORD = "a-password-long-enough";
const PAGE_SIZE = 5;
const MESSAGES = 12;

interface SentRequest {
  method: string;
  operationName: string | null;
  status: number;
  contentType: string | null;
  authorization: string | null;
  /** Whether the document's text travelled (it never should: only its hash). */
  withText: boolean;
}

/** The fetch the app is given: the global one, recording what each request was and what came back. */
const sent: SentRequest[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const headers = new Headers(init?.headers);
  const body = typeof init?.body === "string" ? (JSON.parse(init.body) as Record<string, unknown>) : {};
  const entry: SentRequest = {
    method: init?.method ?? "GET",
    operationName: url.searchParams.get("operationName") ?? (body.operationName as string | undefined) ?? null,
    status: 0,
    contentType: headers.get("content-type"),
    authorization: headers.get("authorization"),
    withText: Boolean(url.searchParams.get("query") ?? body.query),
  };
  sent.push(entry);
  const response = await fetch(input, init);
  entry.status = response.status;
  return response;
};
const sentAs = (...names: string[]) => sent.filter((entry) => names.includes(entry.operationName ?? ""));

/** Waits for `check` to pass (it throws until then), for at most `timeoutMs`. */
async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;

describe("the urql example", () => {
  const email = `urql-${Date.now()}@talent.test`;
  const lines: string[] = [];
  let talentId: string;
  let director: { id: string; token: string };
  let expectedIds: string[];
  let app: DashboardApp;
  let signedInToken: string;

  /** The Dashboard as graphcache holds it, read without a request. */
  const cachedDashboard = async () => {
    const result = await app.client
      .query(DashboardDocument, { first: PAGE_SIZE }, { requestPolicy: "cache-only" })
      .toPromise();
    return result.data!.dashboard;
  };
  const directorSends = async (body: string) => {
    const { data, errors } = await request(
      gateway.url,
      SendMessageDocument,
      { input: { toUserId: talentId, body } },
      { token: director.token },
    );
    expect(errors).toBeUndefined();
    return data!.sendMessage.id;
  };

  beforeAll(async () => {
    const [talent, casting] = await Promise.all([
      request(gateway.url, SignUpDocument, {
        input: { email, password: PASSWORD, name: "Uma Urql", accountType: "TALENT" },
      }),
      request(gateway.url, SignUpDocument, {
        input: { email: `director-${email}`, password: PASSWORD, name: "Dee Rector", accountType: "CASTING_DIRECTOR" },
      }),
    ]);
    talentId = talent.data!.signUp.user.id;
    director = { id: casting.data!.signUp.user.id, token: casting.data!.signUp.token };
    // More than two pages, a minute apart: the dashboard lists them newest first.
    const now = Date.now();
    const messages = [];
    for (let i = 0; i < MESSAGES; i += 1) {
      messages.push(
        await gateway.fixtures.message(Number(director.id), Number(talentId), {
          sentAt: new Date(now - (i + 1) * 60_000),
        }),
      );
    }
    expectedIds = messages.map((message) => String(message.id));
  });

  afterAll(async () => {
    await app?.stop();
  });

  it("signs in with the password, loads the dashboard's counts and first page, and subscribes", async () => {
    app = createDashboardApp({
      url: gateway.url,
      email,
      password: PASSWORD,
      pageSize: PAGE_SIZE,
      // The token lives 60 s; refreshing 58.5 s before expiry makes the first refresh come within 1.5 s.
      refreshMarginMs: (TTL_SECONDS - 1.5) * 1000,
      fetch: recordingFetch,
      log: (line) => lines.push(line),
    });
    await app.start();
    signedInToken = app.session.token!;

    expect(app.status).toBe("connected");
    expect(app.dashboard!.id).toBe(talentId);
    expect(app.dashboard!.atAGlance).toEqual({
      __typename: "AtAGlance",
      id: talentId,
      newMessages: MESSAGES,
      newInvitations: 0,
      auditionRequests: 0,
      draftApplications: 0,
      newRolesMatched: 0,
    });
    expect(app.dashboard!.messages.totalCount).toBe(MESSAGES);
    expect(app.dashboard!.messages.edges.map((edge) => edge.node.id)).toEqual(expectedIds.slice(0, PAGE_SIZE));
  });

  it("refreshes its token before expiry, in the same session, and the next request carries the new one", async () => {
    const refreshed = await eventually(() => {
      expect(app.session.token).not.toBe(signedInToken);
      return app.session.token!;
    }, 4_000);
    expect(claimsOf(refreshed).auth_time).toBe(claimsOf(signedInToken).auth_time);
    expect(claimsOf(refreshed).exp).toBeGreaterThan(claimsOf(signedInToken).exp!);
    expect(sentAs("RefreshToken")[0]).toMatchObject({
      method: "POST",
      status: 200,
      authorization: `Bearer ${signedInToken}`,
    });

    const before = sent.length;
    expect(await app.loadMoreMessages()).toBe(true);
    const next = sent.slice(before).find((entry) => entry.operationName === "MoreMessages")!;
    expect(next.authorization).toBe(`Bearer ${app.session.token}`);
    expect(next.authorization).not.toBe(`Bearer ${signedInToken}`);
  });

  it("pages through every message into graphcache's Dashboard: exact ids, in order, no duplicates", async () => {
    while (await app.loadMoreMessages());
    const ids = app.dashboard!.messages.edges.map((edge) => edge.node.id);
    expect(ids).toEqual(expectedIds);
    expect(new Set(ids).size).toBe(MESSAGES);
    expect(app.dashboard!.messages.pageInfo.hasNextPage).toBe(false);
    expect(app.dashboard!.messages.totalCount).toBe(MESSAGES);
    // The same list is what the cache answers the Dashboard query with.
    expect((await cachedDashboard()).messages.edges.map((edge) => edge.node.id)).toEqual(expectedIds);
  });

  it("sends its queries as GETs (urql's default) by hash alone, and the signed-in GETs are answered 200", () => {
    const queries = sentAs("Dashboard", "MoreMessages");
    expect(queries.map((entry) => entry.operationName)).toEqual([
      "Dashboard",
      ...Array(Math.ceil(MESSAGES / PAGE_SIZE) - 1).fill("MoreMessages"),
    ]);
    for (const query of queries) {
      expect(query).toMatchObject({ method: "GET", status: 200, contentType: null, withText: false });
      expect(query.authorization).toMatch(/^Bearer /);
    }
    // Mutations go as POST, by hash too (enableForMutation).
    for (const mutation of sentAs("SignIn", "RefreshToken")) {
      expect(mutation).toMatchObject({ method: "POST", contentType: "application/json", withText: false });
    }
    expect(sentAs("SignIn")).toEqual([expect.objectContaining({ status: 200, authorization: null })]);
  });

  it("receives a live message and graphcache puts the pushed counts into the cached Dashboard, with no request", async () => {
    const queriesBefore = sentAs("Dashboard", "MoreMessages").length;
    const id = await directorSends("Callback on Thursday?");

    await eventually(() => expect(app.received.map((message) => message.id)).toEqual([id]));
    await eventually(async () => expect((await cachedDashboard()).atAGlance.newMessages).toBe(MESSAGES + 1));
    const cached = await cachedDashboard();
    expect(cached.messages.edges[0]!.node).toMatchObject({ id, preview: "Callback on Thursday?", unread: true });
    expect(cached.messages.totalCount).toBe(MESSAGES + 1);
    expect(app.dashboard!.atAGlance.newMessages).toBe(MESSAGES + 1);
    expect(sentAs("Dashboard", "MoreMessages")).toHaveLength(queriesBefore);
  });

  it("recovers from a gateway restart by itself: resubscribed, with the counts written while it was down", async () => {
    await gateway.down();
    await eventually(() => expect(app.status).not.toBe("connected"));
    await gateway.fixtures.message(Number(director.id), Number(talentId), { body: "Sent while you were away" });
    // The downtime a deploy may take: the socket meets refused connections and backs off meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const upAt = Date.now();
    await gateway.up();
    await eventually(() => expect(app.status).toBe("connected"), 5_000);
    const reconnectMs = Date.now() - upAt;
    // The snapshot sent on resubscribe is fresh: it counts the message written while the gateway was down.
    await eventually(async () => expect((await cachedDashboard()).atAGlance.newMessages).toBe(MESSAGES + 2));
    expect(reconnectMs).toBeLessThan(4_000);

    const id = await directorSends("Welcome back");
    await eventually(() => expect(app.received.map((message) => message.id)).toContain(id));
    await eventually(async () => expect((await cachedDashboard()).atAGlance.newMessages).toBe(MESSAGES + 3));
    expect(app.session.signedOut).toBeNull();
  });

  it("logged no graphcache warning: every result it wrote had its __typename (codegen added them)", () => {
    expect(lines.filter((line) => line.startsWith("graphcache"))).toEqual([]);
  });
});

describe("the urql example with a forged token", () => {
  /** A token of the gateway's shape, signed with another secret. */
  const forged = () =>
    jwt.sign({ acct: "TALENT", auth_time: Math.floor(Date.now() / 1000) }, "another-secret-that-is-long-enough", {
      algorithm: "HS256",
      issuer: "talent-dashboard",
      subject: "1",
      expiresIn: 600,
    });
  const credentials = () => ({ token: forged(), expiresAt: new Date(Date.now() + 600_000).toISOString() });

  /** The `ws` class, counting the sockets it opens. */
  function countingWebSocket() {
    const opened = { count: 0 };
    class CountingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        opened.count += 1;
      }
    }
    return { opened, CountingWebSocket };
  }

  it("reports the session signed out at start, within 3 s, and opens no socket", async () => {
    const { opened, CountingWebSocket } = countingWebSocket();
    const app = createDashboardApp({
      url: gateway.url,
      email: "unused@talent.test",
      password: "unused",
      credentials: credentials(),
      webSocketImpl: CountingWebSocket,
    });
    const startedAt = Date.now();
    try {
      await expect(app.start()).rejects.toBeInstanceOf(SignedOutError);
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(app.status).toBe("signed-out");
      expect(opened.count).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it("ends a subscription over the websocket as signed out within 3 s, after one socket, not retrying", async () => {
    const { opened, CountingWebSocket } = countingWebSocket();
    const statuses: string[] = [];
    const session = createSession({ refresh: () => Promise.reject(new Error("not needed")), refreshMarginMs: 0 });
    session.begin(credentials());
    const liveSocket = createLiveSocket({
      url: gateway.url,
      session,
      webSocketImpl: CountingWebSocket,
      onStatus: (status, detail) => statuses.push(`${status} ${detail ?? ""}`.trim()),
    });
    const client = createDashboardClient({ url: gateway.url, session, liveSocket, pageSize: 5 });
    const startedAt = Date.now();
    try {
      // The subscription's end is graphql-ws giving up: its retry loop is over once the error reaches urql.
      const result = await client.subscription(LiveCountsDocument, {}).toPromise();
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(result.error).toBeDefined();
      expect(session.signedOut).toBeInstanceOf(SignedOutError);
      expect(opened.count).toBe(1);
      // The gateway closes 4401 for a forged token, which graphql-ws never retries.
      expect(statuses).toContainEqual("signed-out 4401 Invalid token: sign in again");
    } finally {
      await session.stop();
      await liveSocket.dispose();
    }
  });
});
