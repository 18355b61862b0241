import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import {
  DashboardDocument,
  MessageReceivedDocument,
  NotificationCountsDocument,
  SendMessageDocument,
} from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let proxy: TcpProxy;
let app: App;
let director: TestUser;
let talent: TestUser;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const redis = new URL(testRedisUrl!);
  proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  ({ app } = await startTestApp(testConfig(database.config, { REDIS_URL: `redis://127.0.0.1:${proxy.port}` })));
  const f = fixtures(database.dataSource);
  director = await f.director();
  talent = await f.talent("Listening");
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app?.stop();
  await proxy?.close();
  await database?.drop();
});

const send = (body: string) =>
  request(
    app.url,
    SendMessageDocument,
    { input: { toUserId: String(talent.user.id), body } },
    { token: director.token },
  );

describe("when Redis goes away", () => {
  it("keeps HTTP working, resumes subscriptions when Redis returns, and gives re-subscribers fresh counts", async () => {
    const client = liveClient(app.url, talent.token);
    clients.push(client);
    const messages = subscribe(client, MessageReceivedDocument);
    const counts = subscribe(client, NotificationCountsDocument);
    expect((await counts.next()).data!.notificationCounts.newMessages).toBe(0);

    proxy.cut();
    // Queries and mutations don't need Redis: the message is stored, only its push is lost.
    const during = await send("sent while Redis was down");
    expect(during.errors).toBeUndefined();
    const dashboard = await request(app.url, DashboardDocument, {}, { token: talent.token });
    expect(dashboard.data!.dashboard.atAGlance.newMessages).toBe(1);

    proxy.restore();
    // The existing subscription resumes once the bus has reconnected and resubscribed.
    const sentAfter = new Set<string>();
    const received: string[] = [];
    for (let attempt = 0; attempt < 40 && !received.some((id) => sentAfter.has(id)); attempt += 1) {
      sentAfter.add((await send(`after Redis returned (${attempt})`)).data!.sendMessage.id);
      const event = await messages.next(500).catch(() => null);
      if (event) received.push(event.data!.messageReceived.id);
    }
    expect(received.some((id) => sentAfter.has(id))).toBe(true);

    // A client that subscribes again starts from the database's counts, not from what it missed.
    const again = liveClient(app.url, talent.token);
    clients.push(again);
    const fresh = await subscribe(again, NotificationCountsDocument).next();
    const unread = await request(app.url, DashboardDocument, {}, { token: talent.token });
    expect(fresh.data!.notificationCounts.newMessages).toBe(unread.data!.dashboard.atAGlance.newMessages);
    expect(fresh.data!.notificationCounts.newMessages).toBeGreaterThanOrEqual(2);
  });
});
