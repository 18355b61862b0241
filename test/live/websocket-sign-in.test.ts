import jwt from "jsonwebtoken";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { LEGACY_CLOSE_REASON } from "../../src/ws/legacy-protocol-refusal";
import { MAX_CLOSE_REASON_BYTES } from "../../src/ws/close-codes";
import { SignInCloseReasons } from "../../src/ws/connection-authentication";
import type { TestUser } from "../support/fixtures";
import { TEST_JWT_SECRET } from "../support/test-app";
import { useGateway } from "../support/use-gateway";

/*
 * Websocket sign-in as an app meets it: a real graphql-ws 6 client on its
 * defaults (lazy, five retries with backoff), counting its connection attempts.
 * A failure a new connection cannot fix must reach the app at once, after one
 * attempt; an expired token must be retried, with what `connectionParams` returns then.
 */

const gateway = useGateway();
let talent: TestUser;

beforeAll(async () => {
  talent = await gateway.fixtures.talent("Signing in");
});

const COUNTS = "subscription { notificationCounts { newMessages } }";

interface CloseEventLike {
  code: number;
  reason: string;
}

/**
 * A graphql-ws client with the library's defaults, recording each attempt,
 * acknowledgement and close; `watch` subscribes and records what came, `stop`
 * ends it all without leaving a retry behind.
 */
function appClient(connectionParams: unknown) {
  const seen = { attempts: 0, connected: 0, closes: [] as CloseEventLike[] };
  const client: Client = createClient({
    url: gateway.app.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: connectionParams as Record<string, unknown> | (() => Record<string, unknown>),
    on: {
      connecting: () => (seen.attempts += 1),
      connected: () => (seen.connected += 1),
      closed: (event) => seen.closes.push(event as CloseEventLike),
    },
  });
  const unsubscribes: Array<() => void> = [];
  return {
    seen,
    watch() {
      const events: unknown[] = [];
      const ended = new Promise<unknown>((resolve) =>
        unsubscribes.push(
          client.subscribe(
            { query: COUNTS },
            { next: (value) => events.push(value), error: resolve, complete: () => resolve("complete") },
          ),
        ),
      );
      return { events, ended };
    },
    async stop() {
      // Unsubscribed first, a retry waiting for its backoff gives up instead of connecting again.
      for (const unsubscribe of unsubscribes) unsubscribe();
      // dispose() rejects with the close event when an attempt is being refused meanwhile.
      await Promise.resolve(client.dispose()).catch(() => undefined);
    },
  };
}

async function until(condition: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function signed(
  user: TestUser,
  options: { secondsToLive?: number; secret?: string; issuer?: string; acct?: string; exp?: number } = {},
): string {
  const claims = { acct: options.acct ?? user.user.accountType, ...(options.exp ? { exp: options.exp } : {}) };
  return jwt.sign(claims, options.secret ?? TEST_JWT_SECRET, {
    subject: String(user.user.id),
    issuer: options.issuer ?? "talent-dashboard",
    ...(options.exp ? {} : { expiresIn: options.secondsToLive ?? 600 }),
  });
}

/** A token past its expiry, signed with the gateway's own secret: genuine, only too old. */
const expiredToken = (user: TestUser) => signed(user, { exp: Math.floor(Date.now() / 1000) - 5 });

function unsignedToken(user: TestUser): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    acct: user.user.accountType,
    sub: String(user.user.id),
    iss: "talent-dashboard",
    iat: now,
    exp: now + 600,
  };
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

const AUTHORIZATION_REQUIRED = { code: 4401, reason: SignInCloseReasons.missing };
const MALFORMED = { code: 4401, reason: SignInCloseReasons.malformed };
const INVALID_TOKEN = { code: 4401, reason: SignInCloseReasons.invalid };

describe("websocket sign-in failures a new connection cannot fix", () => {
  const cases: Array<[string, () => unknown, CloseEventLike]> = [
    [
      "a token signed with another secret",
      () => ({ authorization: `Bearer ${signed(talent, { secret: "another-secret-that-is-long-enough-too" })}` }),
      INVALID_TOKEN,
    ],
    [
      "a forged token behind a lower-case 'bearer'",
      () => ({ authorization: `bearer ${signed(talent, { secret: "forger" })}` }),
      INVALID_TOKEN,
    ],
    ["a valid token with trailing garbage", () => ({ authorization: `Bearer ${talent.token}garbage` }), INVALID_TOKEN],
    [
      "a valid token with a second word after it",
      () => ({ authorization: `Bearer ${talent.token} garbage` }),
      MALFORMED,
    ],
    ["an unsigned token (alg none)", () => ({ authorization: `Bearer ${unsignedToken(talent)}` }), INVALID_TOKEN],
    [
      "a token of another issuer",
      () => ({ authorization: `Bearer ${signed(talent, { issuer: "someone-else" })}` }),
      INVALID_TOKEN,
    ],
    [
      "a token with an unknown account type",
      () => ({ authorization: `Bearer ${signed(talent, { acct: "ADMIN" })}` }),
      INVALID_TOKEN,
    ],
    [
      "an expired token signed with another secret",
      () => ({ authorization: `Bearer ${signed(talent, { secret: "forger", exp: 1 })}` }),
      INVALID_TOKEN,
    ],
    ["a number as the authorization", () => ({ authorization: 42 }), MALFORMED],
    ["an object as the authorization", () => ({ authorization: { token: talent.token } }), MALFORMED],
    ["an array holding a valid value", () => ({ authorization: [`Bearer ${talent.token}`] }), MALFORMED],
    ["the token without 'Bearer'", () => ({ authorization: talent.token }), MALFORMED],
    ["'Bearer' without a token", () => ({ authorization: "Bearer " }), MALFORMED],
    ["no authorization", () => ({}), AUTHORIZATION_REQUIRED],
    ["an empty authorization", () => ({ authorization: "" }), AUTHORIZATION_REQUIRED],
    ["the token under another name", () => ({ token: `Bearer ${talent.token}` }), AUTHORIZATION_REQUIRED],
  ];

  it.each(cases)(
    "reports %s to the app within 2 s, after exactly one connection, as a fatal 4401",
    async (_label, params, expected) => {
      const app = appClient(params());
      const started = Date.now();
      try {
        const { events, ended } = app.watch();
        const error = (await ended) as CloseEventLike;
        expect(Date.now() - started).toBeLessThan(2_000);
        expect({ code: error.code, reason: error.reason }).toEqual(expected);
        expect(app.seen.attempts).toBe(1);
        expect(app.seen.connected).toBe(0);
        expect(events).toEqual([]);
      } finally {
        await app.stop();
      }
    },
  );

  it("says what to send when the token is missing, and what to do when it is forged", () => {
    expect(SignInCloseReasons.missing).toBe(
      'Authorization required: send connectionParams { authorization: "Bearer <token>" }',
    );
    expect(SignInCloseReasons.invalid).toBe("Invalid token: sign in again");
  });

  it("gives no detail of the JWT library or a stack in any reason", () => {
    for (const reason of Object.values(SignInCloseReasons)) {
      expect(reason).not.toMatch(
        /jwt|signature|algorithm|issuer|malformed jwt|invalid token specified|\bat \S+ \(|Error\b/i,
      );
    }
  });

  it("keeps every close reason within a close frame's 123 bytes", () => {
    for (const reason of [...Object.values(SignInCloseReasons), LEGACY_CLOSE_REASON]) {
      expect(Buffer.byteLength(reason, "utf8")).toBeLessThanOrEqual(MAX_CLOSE_REASON_BYTES);
    }
  });
});

describe("an expired token, which a refreshed one fixes", () => {
  it("is closed 4403 'Token expired' at connect, which the client retries", async () => {
    const app = appClient({ authorization: `Bearer ${expiredToken(talent)}` });
    try {
      app.watch();
      await until(() => app.seen.closes.length >= 1, 2_000, "the first close");
      expect({ code: app.seen.closes[0]!.code, reason: app.seen.closes[0]!.reason }).toEqual({
        code: 4403,
        reason: "Token expired",
      });
      // The client does not give up: its backoff (1.3 to 4 s) leads to a second attempt.
      await until(() => app.seen.attempts >= 2, 5_000, "a second attempt");
      expect(app.seen.connected).toBe(0);
    } finally {
      await app.stop();
    }
  });

  it("lets in a client whose connectionParams returns a fresh token on the retry, which then gets data", async () => {
    const given: string[] = [];
    const app = appClient(() => {
      const token = given.length === 0 ? expiredToken(talent) : talent.token;
      given.push(token);
      return { authorization: `Bearer ${token}` };
    });
    try {
      const { events } = app.watch();
      await until(() => events.length >= 1, 6_000, "the first event");
      expect(events[0]).toEqual({ data: { notificationCounts: { newMessages: 0 } } });
      expect(app.seen.closes.map(({ code, reason }) => ({ code, reason }))).toEqual([
        { code: 4403, reason: "Token expired" },
      ]);
      expect([app.seen.attempts, app.seen.connected, given.length]).toEqual([2, 1, 2]);
    } finally {
      await app.stop();
    }
  });

  it("closes 4403 when the token expires mid-connection, and the client resubscribes with a fresh one", async () => {
    let calls = 0;
    const app = appClient(() => {
      calls += 1;
      return { authorization: `Bearer ${calls === 1 ? signed(talent, { secondsToLive: 2 }) : talent.token}` };
    });
    try {
      const { events } = app.watch();
      await until(() => events.length >= 1, 2_000, "the first event");
      await until(() => app.seen.closes.length >= 1, 3_000, "the close at expiry");
      expect({ code: app.seen.closes[0]!.code, reason: app.seen.closes[0]!.reason }).toEqual({
        code: 4403,
        reason: "Token expired",
      });
      // graphql-ws subscribes again on the new connection: the counts come again.
      await until(() => events.length >= 2, 6_000, "the event after the reconnect");
      expect(events).toEqual([
        { data: { notificationCounts: { newMessages: 0 } } },
        { data: { notificationCounts: { newMessages: 0 } } },
      ]);
      expect([app.seen.attempts, app.seen.connected, calls]).toEqual([2, 2, 2]);
    } finally {
      await app.stop();
    }
  });
});
