import { print } from "graphql";
import { LoginDocument, SignUpDocument } from "../generated/operations";
import { fixtures, type Fixtures } from "../support/fixtures";
import { postWithHeaders } from "../support/http-with-headers";
import { costOf } from "../support/rate-limited-gateway";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { startTestApp, testConfig, testRedisUrl, type StartedTestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Budgets live in Redis: every instance with the same REDIS_CHANNEL_PREFIX
 * draws on one budget, and an instance of another prefix (another
 * environment) on its own. While Redis is away each instance counts in memory.
 */

const VIEWER = "{ viewer { id } }";

let database: TestDatabase;
let f: Fixtures;
const apps: StartedTestApp[] = [];
let proxy: TcpProxy | undefined;

beforeAll(async () => {
  expect(testRedisUrl).not.toBeNull();
  database = await createTestDatabase();
  f = fixtures(database.dataSource);
});

afterAll(async () => {
  for (const { app } of apps) await app.stop();
  await proxy?.close();
  await database?.drop();
});

async function start(env: Record<string, string>, prefix: string): Promise<string> {
  const config = testConfig(database.config, { RATE_LIMITS: "on", REDIS_CHANNEL_PREFIX: prefix, ...env });
  const started = await startTestApp(config);
  apps.push(started);
  return started.app.url;
}

const uniquePrefix = (name: string) => `test-${process.pid}-${name}-${Date.now()}:`;
const status = async (url: string, token: string) => (await postWithHeaders(url, VIEWER, {}, { token })).status;

describe("rate limits across gateway instances sharing Redis", () => {
  it("draw operations of one account on instances of one prefix from one budget, and not another prefix's", async () => {
    const env = { RATE_LIMIT_COST_PER_ACCOUNT: String(3 * (await costOf(VIEWER))) };
    const prefix = uniquePrefix("shared");
    const [first, second] = [await start(env, prefix), await start(env, prefix)];
    const elsewhere = await start(env, uniquePrefix("elsewhere"));
    const talent = await f.talent("Everywhere");

    expect([
      await status(first, talent.token),
      await status(second, talent.token),
      await status(first, talent.token),
    ]).toEqual([200, 200, 200]);
    const refused = await postWithHeaders(second, VIEWER, {}, { token: talent.token });
    expect(refused.status).toBe(429);
    expect(refused.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    expect(await status(first, talent.token)).toBe(429);
    expect(await status(elsewhere, talent.token)).toBe(200);
  });

  it("lock an account for every instance after 5 failed sign-ins spread over two", async () => {
    const prefix = uniquePrefix("login");
    const [first, second] = [await start({}, prefix), await start({}, prefix)];
    const email = "shared-lock@example.test";
    const password = "the right password";
    const signUp = await postWithHeaders(first, print(SignUpDocument), {
      input: { email, password, name: "Locked", accountType: "TALENT" },
    });
    expect(signUp.errors).toBeUndefined();
    const login = (url: string, attempt: string) =>
      postWithHeaders(url, print(LoginDocument), { email, password: attempt });
    const codes: unknown[] = [];
    for (const url of [first, second, first, second, first])
      codes.push((await login(url, "wrong")).errors?.[0]?.extensions?.code);
    expect(codes).toEqual(Array(5).fill("UNAUTHENTICATED"));
    expect((await login(second, password)).status).toBe(429);
    expect((await login(first, password)).status).toBe(429);
  });

  it("keep answering while Redis is away, counting per instance meanwhile", async () => {
    const redis = new URL(testRedisUrl!);
    proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
    const url = await start(
      { REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RATE_LIMIT_COST_PER_ACCOUNT: String(2 * (await costOf(VIEWER))) },
      uniquePrefix("outage"),
    );
    const talent = await f.talent("Through the outage");
    expect(await status(url, talent.token)).toBe(200);

    proxy.cut();
    const started = Date.now();
    // The insurance budget in memory starts empty: 2 operations fit, the third is refused.
    expect([await status(url, talent.token), await status(url, talent.token), await status(url, talent.token)]).toEqual(
      [200, 200, 429],
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    proxy.restore();
  });

  it("keep answering while Redis is frozen, within the command timeout", async () => {
    const url = await start(
      {
        REDIS_URL: `redis://127.0.0.1:${proxy!.port}`,
        RATE_LIMIT_COST_PER_ACCOUNT: String(2 * (await costOf(VIEWER))),
      },
      uniquePrefix("frozen"),
    );
    const talent = await f.talent("Through the freeze");
    expect(await status(url, talent.token)).toBe(200);
    proxy!.freeze();
    const started = Date.now();
    expect(await status(url, talent.token)).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    proxy!.restore();
  });
});
