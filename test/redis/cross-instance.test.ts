import type { Client } from "graphql-ws";
import { Gender } from "../../entities";
import type { App } from "../../src/app";
import {
  AddRoleDocument,
  MessageReceivedDocument,
  NotificationCountsDocument,
  SendMessageDocument,
} from "../generated/operations";
import { daysFromNow, fixtures, type Fixtures } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let database: TestDatabase;
let first: App;
let second: App;
let f: Fixtures;
const clients: Client[] = [];

beforeAll(async () => {
  expect(testRedisUrl).not.toBeNull();
  database = await createTestDatabase();
  // One config, so both instances share the database and the Redis channels.
  const config = testConfig(database.config);
  first = (await startTestApp(config)).app;
  second = (await startTestApp(config)).app;
  f = fixtures(first.db);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await first?.stop();
  await second?.stop();
  await database?.drop();
});

describe("two gateway instances sharing MariaDB and Redis", () => {
  it("deliver a message sent through one to a talent subscribed on the other", async () => {
    const director = await f.director();
    const talent = await f.talent("Far Away", { gender: Gender.FEMALE }, { rolesMatchedSeenAt: daysFromNow(-1) });
    const production = await f.production(director.user.id);
    const client = liveClient(second.url, talent.token);
    clients.push(client);
    const messages = subscribe(client, MessageReceivedDocument);
    const counts = subscribe(client, NotificationCountsDocument);
    expect((await counts.next()).data!.notificationCounts).toMatchObject({ newMessages: 0, newRolesMatched: 0 });

    const sent = await request(
      first.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "From the other side" } },
      { token: director.token },
    );
    expect((await messages.next()).data!.messageReceived.id).toBe(sent.data!.sendMessage.id);
    expect((await counts.next()).data!.notificationCounts.newMessages).toBe(1);

    const role = await request(
      first.url,
      AddRoleDocument,
      { input: { productionId: String(production.id), name: "Matching role", requirements: { gender: "FEMALE" } } },
      { token: director.token },
    );
    expect(role.errors).toBeUndefined();
    expect((await counts.next()).data!.notificationCounts.newRolesMatched).toBe(1);
  });
});
