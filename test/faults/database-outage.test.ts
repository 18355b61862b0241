import type { App } from "../../src/app";
import { withDatabaseName } from "../../src/db/mysql-admin";
import { DashboardDocument } from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, testMysqlUrl, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let proxy: TcpProxy;
let app: App;
let talent: TestUser;

beforeAll(async () => {
  database = await createTestDatabase();
  const server = new URL(testMysqlUrl!);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 3306) });
  // The gateway reaches MariaDB only through the proxy, with short timeouts.
  const throughProxy = new URL(database.config.kind === "mysql" ? database.config.url : "");
  throughProxy.hostname = "127.0.0.1";
  throughProxy.port = String(proxy.port);
  const config = testConfig(database.config);
  ({ app } = await startTestApp({
    ...config,
    database: {
      kind: "mysql",
      url: withDatabaseName(throughProxy.toString(), throughProxy.pathname.slice(1)),
      pool: { size: 4, queueLimit: 50, queryTimeoutMs: 1_000, connectTimeoutMs: 1_000, preparedStatements: 100 },
    },
  }));
  talent = await fixtures(database.dataSource).talent("Outage");
});

afterAll(async () => {
  await app?.stop();
  await proxy?.close();
  await database?.drop();
});

const health = (path: string) => fetch(app.url.replace(/\/graphql$/, path)).then((response) => response.status);

async function dashboardWithin(ms: number) {
  const started = Date.now();
  const response = await request(app.url, DashboardDocument, {}, { token: talent.token });
  return { response, elapsed: Date.now() - started, withinTime: Date.now() - started < ms };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the service did not come back in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const serves = async () =>
  (await request(app.url, DashboardDocument, {}, { token: talent.token })).errors === undefined;

describe.each([
  ["stopped (connections refused)", () => proxy.cut()],
  ["frozen (connections hang)", () => proxy.freeze()],
])("when MariaDB is %s", (_label, fault) => {
  it("fails requests fast with a masked error, turns readiness to 503, keeps liveness, and recovers by itself", async () => {
    expect(await serves()).toBe(true);
    fault();
    try {
      const { response, elapsed } = await dashboardWithin(5_000);
      expect(elapsed).toBeLessThan(5_000);
      expect(response.data).toBeNull();
      expect(response.errors?.[0]).toMatchObject({
        message: "The service is temporarily unavailable; try again shortly",
        extensions: { code: "SERVICE_UNAVAILABLE" },
      });
      expect(JSON.stringify(response)).not.toMatch(/SELECT|ECONN|PROTOCOL|mysql/i);
      expect(await health("/health/ready")).toBe(503);
      expect(await health("/health/live")).toBe(200);
    } finally {
      proxy.restore();
    }
    await eventually(serves);
    expect(await health("/health/ready")).toBe(200);
  });
});
