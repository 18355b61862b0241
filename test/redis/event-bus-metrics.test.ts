import { Redis } from "ioredis";
import type { App } from "../../src/app";
import { metricsUrlOf, scrape } from "../support/metrics-scrape";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * The Redis event bus's connections in the metrics: both up, and a
 * connection that Redis drops counted as a reconnect once ioredis is back.
 * Each connection is named after its channel prefix (CLIENT SETNAME), so this
 * test kills its own gateway's subscriber and no other test's.
 */

let database: TestDatabase;
let app: App;
let channelPrefix: string;
let admin: Redis;

beforeAll(async () => {
  expect(testRedisUrl).not.toBeNull();
  database = await createTestDatabase();
  const config = testConfig(database.config);
  channelPrefix = config.redisChannelPrefix;
  ({ app } = await startTestApp(config));
  admin = new Redis(testRedisUrl!);
});

afterAll(async () => {
  await admin?.quit();
  await app?.stop();
  await database?.drop();
});

const metrics = () => scrape(metricsUrlOf(app.url));
const series = async (name: string, connection: string) => (await metrics()).value(name, { connection });

/** The ids of the Redis clients named `name`, from CLIENT LIST. */
async function clientIds(name: string): Promise<string[]> {
  const list = (await admin.call("CLIENT", "LIST")) as string;
  return list
    .split("\n")
    .filter((line) => line.split(" ").includes(`name=${name}`))
    .map((line) => /(?:^| )id=(\d+)/.exec(line)![1]!);
}

describe("the Redis event bus in the metrics", () => {
  it("shows both connections up, each named for its environment and role", async () => {
    expect(await clientIds(`${channelPrefix}publisher`)).toHaveLength(1);
    expect(await clientIds(`${channelPrefix}subscriber`)).toHaveLength(1);
    expect(await series("gateway_event_bus_connected", "publisher")).toBe(1);
    expect(await series("gateway_event_bus_connected", "subscriber")).toBe(1);
    expect(await series("gateway_event_bus_reconnects_total", "subscriber")).toBe(0);
  });

  it("counts the subscriber's reconnect after Redis drops it, and shows it up again", async () => {
    const [id] = await clientIds(`${channelPrefix}subscriber`);
    await admin.call("CLIENT", "KILL", "ID", id!);
    const deadline = Date.now() + 10_000;
    while ((await series("gateway_event_bus_reconnects_total", "subscriber")) !== 1) {
      if (Date.now() > deadline) throw new Error("no reconnect was counted");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await series("gateway_event_bus_connected", "subscriber")).toBe(1);
    expect(await clientIds(`${channelPrefix}subscriber`)).toHaveLength(1);
    expect(await series("gateway_event_bus_reconnects_total", "publisher")).toBe(0);
    expect(await series("gateway_event_bus_connected", "publisher")).toBe(1);
  });
});
