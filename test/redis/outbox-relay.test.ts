import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import { MessageReceivedDocument, NotificationCountsDocument, SendMessageDocument } from "../generated/operations";
import { fixtures, type Fixtures } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Two gateways on one database and one Redis: the one that takes the mutation
 * never relays (OUTBOX_RELAY=off), so its events reach subscribers only
 * through the other's relay, which finds them with its timer.
 */

const POLL_INTERVAL_MS = 100;

let database: TestDatabase;
let writer: App;
let relayer: App;
let f: Fixtures;
const clients: Client[] = [];

beforeAll(async () => {
  expect(testRedisUrl).not.toBeNull();
  database = await createTestDatabase();
  const config = testConfig(database.config, { OUTBOX_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS) });
  writer = (await startTestApp({ ...config, outbox: { ...config.outbox, relayEnabled: false } })).app;
  relayer = (await startTestApp(config)).app;
  f = fixtures(writer.db);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await writer?.stop();
  await relayer?.stop();
  await database?.drop();
});

describe("an instance that does not relay its own events", () => {
  it("has them delivered by another instance's relay within its poll interval, each once", async () => {
    const director = await f.director();
    const talent = await f.talent("Reached through the outbox");
    const client = liveClient(relayer.url, talent.token);
    clients.push(client);
    const messages = subscribe(client, MessageReceivedDocument);
    const counts = subscribe(client, NotificationCountsDocument);
    expect((await counts.next()).data!.notificationCounts.newMessages).toBe(0);

    for (const body of ["first", "second"]) {
      const sent = await request(
        writer.url,
        SendMessageDocument,
        { input: { toUserId: String(talent.user.id), body } },
        { token: director.token },
      );
      const respondedAt = Date.now();
      expect((await messages.next(2_000)).data!.messageReceived.id).toBe(sent.data!.sendMessage.id);
      // The poll interval, plus the relay's pass and Redis: never a second poll.
      expect(Date.now() - respondedAt).toBeLessThan(POLL_INTERVAL_MS + 150);
    }
    await messages.expectSilence(3 * POLL_INTERVAL_MS);
    const [row] = await writer.db.query(
      "SELECT COUNT(*) AS unrelayed FROM outbox_events WHERE relaySequence IS NULL OR relayedAt IS NULL",
    );
    expect(Number(row.unrelayed)).toBe(0);
  });
});
