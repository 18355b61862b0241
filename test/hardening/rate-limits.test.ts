import { print } from "graphql";
import type { Client } from "graphql-ws";
import { User } from "../../entities/user.entity";
import { SignUpDocument } from "../generated/operations";
import { daysFromNow, fixtures, type Fixtures } from "../support/fixtures";
import { postWithHeaders } from "../support/http-with-headers";
import { liveClient } from "../support/live-client";
import { costOf, liveClientWithHeaders, runOverWebSocket, startRateLimitedApp } from "../support/rate-limited-gateway";
import type { StartedTestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Every budget with small numbers, on both transports. Each gateway trusts
 * loopback as its proxy (TRUST_PROXY), so a test picks its client address
 * with X-Forwarded-For; the TRUST_PROXY tests check what that setting does.
 */

const VIEWER = "{ viewer { id } }";
const ANONYMOUS = "{ __typename }";
const MARK_SEEN = "mutation { markRolesMatchedSeen { newRolesMatched } }";

let database: TestDatabase;
let f: Fixtures;
const apps: StartedTestApp[] = [];
const clients: Client[] = [];
let addresses = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  f = fixtures(database.dataSource);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  for (const { app } of apps) await app.stop();
  await database?.drop();
});

async function gateway(env: Record<string, string>): Promise<string> {
  const started = await startRateLimitedApp(database, { TRUST_PROXY: "loopback", ...env });
  apps.push(started);
  return started.app.url;
}

function freshAddress(): string {
  addresses += 1;
  return `198.51.100.${addresses}`;
}

function post(
  url: string,
  query: string,
  options: { token?: string; from?: string; variables?: Record<string, unknown> } = {},
) {
  return postWithHeaders(url, query, options.variables ?? {}, {
    token: options.token,
    headers: { "x-forwarded-for": options.from ?? freshAddress() },
  });
}

/** Asserts the 429 answer of an HTTP request over a budget, and returns its wait. */
function expectRefused(response: Awaited<ReturnType<typeof post>>, refusal: string, maxWait: number): number {
  expect(response.status).toBe(429);
  expect(response.data).toBeUndefined();
  const retryAfterSeconds = response.errors?.[0]?.extensions?.retryAfterSeconds as number;
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(maxWait);
  expect(response.headers.get("retry-after")).toBe(String(retryAfterSeconds));
  expect(response.errors).toEqual([
    {
      message: `Too many ${refusal}; try again in ${retryAfterSeconds} seconds`,
      extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds },
    },
  ]);
  return retryAfterSeconds;
}

describe("operations, weighted by their estimated cost", () => {
  it("allow an account its budget of cost points per minute, from any address, then answer 429", async () => {
    const perQuery = await costOf(VIEWER);
    const url = await gateway({ RATE_LIMIT_COST_PER_ACCOUNT: String(5 * perQuery) });
    const talent = await f.talent("Busy");
    for (let request = 0; request < 5; request += 1) {
      expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
    }
    expectRefused(await post(url, VIEWER, { token: talent.token }), "operations from this account", 60);
    const other = await f.talent("Other");
    expect((await post(url, VIEWER, { token: other.token })).status).toBe(200);
  });

  it("charge a costlier operation more of the budget", async () => {
    const cheap = await costOf(VIEWER);
    const dear = "{ viewer { id name accountType } }";
    const dearCost = await costOf(dear);
    expect(dearCost).toBeGreaterThan(cheap);
    const url = await gateway({ RATE_LIMIT_COST_PER_ACCOUNT: String(dearCost + cheap) });
    const talent = await f.talent("Dear");
    expect((await post(url, dear, { token: talent.token })).status).toBe(200);
    expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
    expectRefused(await post(url, VIEWER, { token: talent.token }), "operations from this account", 60);
  });

  it("allow an address its budget per minute across anonymous callers and accounts, and not another address", async () => {
    const perQuery = await costOf(ANONYMOUS);
    const url = await gateway({ RATE_LIMIT_COST_PER_ADDRESS: String(4 * perQuery) });
    const office = freshAddress();
    const [first, second] = [await f.talent("Desk one"), await f.talent("Desk two")];
    expect((await post(url, ANONYMOUS, { from: office })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: office })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: office, token: first.token })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: office, token: second.token })).status).toBe(200);
    expectRefused(await post(url, ANONYMOUS, { from: office }), "operations from this address", 60);
    expect((await post(url, ANONYMOUS, { from: freshAddress() })).status).toBe(200);
  });
});

describe("writes", () => {
  let url: string;
  beforeAll(async () => {
    url = await gateway({ RATE_LIMIT_WRITES_PER_ACCOUNT: "3", RATE_LIMIT_WRITES_PER_ADDRESS: "5" });
  });

  it("allow an account 3 writes a minute; the 4th is 429 and does not run", async () => {
    const talent = await f.talent("Writer", {}, { rolesMatchedSeenAt: daysFromNow(-3) });
    for (let write = 0; write < 3; write += 1) {
      expect((await post(url, MARK_SEEN, { token: talent.token })).errors).toBeUndefined();
    }
    const seen = (await database.dataSource.getRepository(User).findOneByOrFail({ id: talent.user.id }))
      .rolesMatchedSeenAt;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expectRefused(await post(url, MARK_SEEN, { token: talent.token }), "writes from this account", 60);
    const after = await database.dataSource.getRepository(User).findOneByOrFail({ id: talent.user.id });
    expect(after.rolesMatchedSeenAt.getTime()).toBe(seen.getTime());
  });

  it("count each aliased mutation field as a write, and run none of a refused operation", async () => {
    const talent = await f.talent("Aliaser", {}, { rolesMatchedSeenAt: daysFromNow(-3) });
    const seenAt = async () =>
      (
        await database.dataSource.getRepository(User).findOneByOrFail({ id: talent.user.id })
      ).rolesMatchedSeenAt.getTime();
    const before = await seenAt();
    const fourAtOnce = `mutation { ${[1, 2, 3, 4].map((n) => `w${n}: markRolesMatchedSeen { newRolesMatched }`).join(" ")} }`;
    expectRefused(await post(url, fourAtOnce, { token: talent.token }), "writes from this account", 60);
    expect(await seenAt()).toBe(before);
  });

  it("allow an address 5 writes a minute across accounts", async () => {
    const office = freshAddress();
    for (let desk = 0; desk < 5; desk += 1) {
      const talent = await f.talent(`Office ${desk}`);
      expect((await post(url, MARK_SEEN, { token: talent.token, from: office })).errors).toBeUndefined();
    }
    const sixth = await f.talent("Office 5");
    expectRefused(await post(url, MARK_SEEN, { token: sixth.token, from: office }), "writes from this address", 60);
    expect((await post(url, MARK_SEEN, { token: sixth.token })).errors).toBeUndefined();
  });

  it("do not count queries", async () => {
    const talent = await f.talent("Reader");
    for (let read = 0; read < 10; read += 1)
      expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
    for (let write = 0; write < 3; write += 1) {
      expect((await post(url, MARK_SEEN, { token: talent.token })).errors).toBeUndefined();
    }
  });
});

describe("sign-ups", () => {
  const signUp = (url: string, email: string, from: string) =>
    post(url, print(SignUpDocument), {
      from,
      variables: { input: { email, password: "a long enough password", name: "New", accountType: "TALENT" } },
    });

  it("allow an address 3 sign-ups an hour; the 4th is 429 and creates no account", async () => {
    const url = await gateway({ RATE_LIMIT_SIGNUPS_PER_ADDRESS: "3" });
    const address = freshAddress();
    for (let n = 0; n < 3; n += 1) expect((await signUp(url, `new${n}@example.test`, address)).errors).toBeUndefined();
    const wait = expectRefused(await signUp(url, "new3@example.test", address), "sign-ups from this address", 3600);
    expect(wait).toBeGreaterThan(3500);
    expect(await database.dataSource.getRepository(User).existsBy({ email: "new3@example.test" })).toBe(false);
    expect((await signUp(url, "new3@example.test", freshAddress())).errors).toBeUndefined();
  });

  it("count each aliased signUp field", async () => {
    const url = await gateway({ RATE_LIMIT_SIGNUPS_PER_ADDRESS: "3" });
    const input = (n: number) =>
      `{ email: "alias${n}@example.test", password: "a long enough password", name: "A", accountType: TALENT }`;
    const fourAtOnce = `mutation { ${[0, 1, 2, 3].map((n) => `s${n}: signUp(input: ${input(n)}) { token }`).join(" ")} }`;
    expectRefused(await post(url, fourAtOnce), "sign-ups from this address", 3600);
    expect(await database.dataSource.getRepository(User).existsBy({ email: "alias0@example.test" })).toBe(false);
  });
});

describe("over graphql-ws", () => {
  it("answer an operation over the budget with a TOO_MANY_REQUESTS error message, and keep the socket", async () => {
    const perQuery = await costOf(VIEWER);
    const url = await gateway({ RATE_LIMIT_COST_PER_ACCOUNT: String(3 * perQuery) });
    const talent = await f.talent("Socket");
    const client = liveClient(url, talent.token);
    clients.push(client);
    for (let n = 0; n < 3; n += 1) {
      expect(await runOverWebSocket(client, VIEWER)).toEqual({ data: { viewer: { id: String(talent.user.id) } } });
    }
    const refused = (await runOverWebSocket(client, VIEWER)) as {
      errors: Array<{ extensions: { retryAfterSeconds: number } }>;
    };
    const retryAfterSeconds = refused.errors[0]!.extensions.retryAfterSeconds;
    expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused).toEqual({
      errors: [
        {
          message: `Too many operations from this account; try again in ${retryAfterSeconds} seconds`,
          extensions: { code: "TOO_MANY_REQUESTS", retryAfterSeconds },
        },
      ],
    });
    // The same socket still answers: the next operation gets the same refusal, not a closed connection.
    expect(((await runOverWebSocket(client, VIEWER)) as typeof refused).errors[0]!.extensions).toMatchObject({
      code: "TOO_MANY_REQUESTS",
    });
  });

  it("draw on the same budget as HTTP", async () => {
    const perQuery = await costOf(VIEWER);
    const url = await gateway({ RATE_LIMIT_COST_PER_ACCOUNT: String(3 * perQuery) });
    const talent = await f.talent("Both ways");
    expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
    expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
    const client = liveClient(url, talent.token);
    clients.push(client);
    expect((await runOverWebSocket(client, VIEWER)).errors).toBeUndefined();
    expect(await runOverWebSocket(client, VIEWER)).toMatchObject({
      errors: [{ extensions: { code: "TOO_MANY_REQUESTS" } }],
    });
    expectRefused(await post(url, VIEWER, { token: talent.token }), "operations from this account", 60);
  });
});

describe("RATE_LIMITS=off", () => {
  it("turns every budget off (the sign-in throttle stays: see login-throttle.test.ts)", async () => {
    const started = await startRateLimitedApp(database, {
      RATE_LIMITS: "off",
      RATE_LIMIT_COST_PER_ACCOUNT: "1",
      RATE_LIMIT_COST_PER_ADDRESS: "1",
      RATE_LIMIT_WRITES_PER_ACCOUNT: "1",
      RATE_LIMIT_WRITES_PER_ADDRESS: "1",
      RATE_LIMIT_SIGNUPS_PER_ADDRESS: "1",
    });
    apps.push(started);
    const url = started.app.url;
    const talent = await f.talent("Load test");
    for (let n = 0; n < 5; n += 1) {
      expect((await post(url, VIEWER, { token: talent.token })).status).toBe(200);
      expect((await post(url, MARK_SEEN, { token: talent.token })).errors).toBeUndefined();
      const input = {
        email: `load${n}@example.test`,
        password: "a long enough password",
        name: "L",
        accountType: "TALENT",
      };
      expect((await post(url, print(SignUpDocument), { variables: { input } })).errors).toBeUndefined();
    }
  });
});

describe("the client address (TRUST_PROXY)", () => {
  const budget = async () => String(2 * (await costOf(ANONYMOUS)));

  it("ignores X-Forwarded-For by default, so a client cannot pick a fresh address per request", async () => {
    const started = await startRateLimitedApp(database, { RATE_LIMIT_COST_PER_ADDRESS: await budget() });
    apps.push(started);
    const url = started.app.url;
    expect((await post(url, ANONYMOUS, { from: "192.0.2.1" })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: "192.0.2.2" })).status).toBe(200);
    expectRefused(await post(url, ANONYMOUS, { from: "192.0.2.3" }), "operations from this address", 60);
  });

  it("takes the address a trusted proxy put in X-Forwarded-For", async () => {
    const url = await gateway({ RATE_LIMIT_COST_PER_ADDRESS: await budget() });
    expect((await post(url, ANONYMOUS, { from: "192.0.2.10" })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: "192.0.2.10" })).status).toBe(200);
    expectRefused(await post(url, ANONYMOUS, { from: "192.0.2.10" }), "operations from this address", 60);
    expect((await post(url, ANONYMOUS, { from: "192.0.2.11" })).status).toBe(200);
    // A client's own entry before the proxy's counts for nothing: the proxy's entry is the client.
    expectRefused(await post(url, ANONYMOUS, { from: "10.9.9.9, 192.0.2.10" }), "operations from this address", 60);
  });

  it("trusts as many hops as a hop count says, and no more", async () => {
    const started = await startRateLimitedApp(database, {
      TRUST_PROXY: "1",
      RATE_LIMIT_COST_PER_ADDRESS: await budget(),
    });
    apps.push(started);
    const url = started.app.url;
    expect((await post(url, ANONYMOUS, { from: "192.0.2.20" })).status).toBe(200);
    expect((await post(url, ANONYMOUS, { from: "10.1.1.1, 192.0.2.20" })).status).toBe(200);
    expectRefused(await post(url, ANONYMOUS, { from: "10.2.2.2, 192.0.2.20" }), "operations from this address", 60);
  });

  it("applies the same trust to the websocket upgrade request", async () => {
    const perQuery = await costOf(VIEWER);
    const trusting = await gateway({ RATE_LIMIT_COST_PER_ADDRESS: String(perQuery) });
    const untrusting = await startRateLimitedApp(database, { RATE_LIMIT_COST_PER_ADDRESS: String(perQuery) });
    apps.push(untrusting);
    const talent = await f.talent("Forwarded socket");
    const over = { errors: [{ extensions: { code: "TOO_MANY_REQUESTS" } }] };

    const open = (url: string, from: string) => {
      const client = liveClientWithHeaders(url, talent.token, { "x-forwarded-for": from });
      clients.push(client);
      return client;
    };
    expect((await runOverWebSocket(open(trusting, "192.0.2.30"), VIEWER)).errors).toBeUndefined();
    expect(await runOverWebSocket(open(trusting, "192.0.2.30"), VIEWER)).toMatchObject(over);
    expect((await runOverWebSocket(open(trusting, "192.0.2.31"), VIEWER)).errors).toBeUndefined();

    expect((await runOverWebSocket(open(untrusting.app.url, "192.0.2.40"), VIEWER)).errors).toBeUndefined();
    expect(await runOverWebSocket(open(untrusting.app.url, "192.0.2.41"), VIEWER)).toMatchObject(over);
  });
});
