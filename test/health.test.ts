import type { App } from "../src/app";
import { createTestDatabase, type TestDatabase } from "./support/test-database";
import { startTestApp, testConfig } from "./support/test-app";

let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await startTestApp(testConfig(database.config)));
});

afterAll(async () => {
  await app.stop();
  await database.drop();
});

const healthUrl = (path: string) => app.url.replace(/\/graphql$/, path);

describe("health endpoints", () => {
  it("answer 200 on liveness and readiness while the database answers", async () => {
    expect((await fetch(healthUrl("/health/live"))).status).toBe(200);
    const ready = await fetch(healthUrl("/health/ready"));
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok" });
  });

  it("turn readiness to 503 when the database is gone, while liveness stays 200", async () => {
    await app.db.destroy();
    const ready = await fetch(healthUrl("/health/ready"));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "database unavailable" });
    expect((await fetch(healthUrl("/health/live"))).status).toBe(200);
  });
});
