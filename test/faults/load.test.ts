import type { Client } from "graphql-ws";
import { Message } from "../../entities";
import type { App } from "../../src/app";
import {
  DashboardDocument,
  MessageReceivedDocument,
  NotificationCountsDocument,
  SendMessageDocument,
  type NotificationCountsSubscription,
} from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const TALENTS = 50;
const DIRECTORS = 4;
const HTTP_CLIENTS = 200;
const OPERATIONS_PER_CLIENT = 6;
const ROUNDS = 3;

let database: TestDatabase;
let app: App;
let talents: TestUser[];
let directors: TestUser[];
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  ({ app } = await startTestApp(testConfig(database.config, { DB_POOL_SIZE: "10" })));
  const f = fixtures(database.dataSource);
  directors = [];
  for (let i = 0; i < DIRECTORS; i += 1) directors.push(await f.director(`Director ${i}`));
  talents = [];
  for (let i = 0; i < TALENTS; i += 1) talents.push(await f.talent(`Talent ${i}`));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await app?.stop();
  await database?.drop();
});

function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with node --expose-gc (npm run test:faults does)");
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe("under load", () => {
  it("serves hundreds of concurrent clients mixing queries, mutations and subscriptions: no errors, nothing lost or repeated, memory flat", async () => {
    // One websocket per talent, each with two subscriptions.
    const live = new Map<number, { messages: string[]; counts: TestSubscription<NotificationCountsSubscription> }>();
    for (const talent of talents) {
      const client = liveClient(app.url, talent.token);
      clients.push(client);
      const messages: string[] = [];
      client.subscribe<{ messageReceived: { id: string } }>(
        { query: "subscription { messageReceived { id } }" },
        {
          next: (event) => messages.push(event.data!.messageReceived.id),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      const counts = subscribe(client, NotificationCountsDocument);
      await counts.next();
      live.set(talent.user.id, { messages, counts });
    }
    void MessageReceivedDocument;

    const sentTo = new Map<number, string[]>();
    const errors: unknown[] = [];
    const heaps: number[] = [heapAfterGc()];

    for (let round = 0; round < ROUNDS; round += 1) {
      await Promise.all(
        Array.from({ length: HTTP_CLIENTS }, async (_, worker) => {
          for (let op = 0; op < OPERATIONS_PER_CLIENT; op += 1) {
            const talent = talents[(worker * 7 + op * 13 + round) % TALENTS]!;
            if ((worker + op) % 2 === 0) {
              const director = directors[(worker + op) % DIRECTORS]!;
              const sent = await request(
                app.url,
                SendMessageDocument,
                { input: { toUserId: String(talent.user.id), body: `r${round} w${worker} o${op}` } },
                { token: director.token },
              );
              if (sent.errors) errors.push(sent.errors);
              else sentTo.set(talent.user.id, [...(sentTo.get(talent.user.id) ?? []), sent.data!.sendMessage.id]);
            } else {
              const dashboard = await request(app.url, DashboardDocument, {}, { token: talent.token });
              if (dashboard.errors) errors.push(dashboard.errors);
            }
          }
        }),
      );
      heaps.push(heapAfterGc());
    }

    expect(errors).toEqual([]);
    const totalSent = [...sentTo.values()].reduce((sum, ids) => sum + ids.length, 0);
    expect(totalSent).toBe((HTTP_CLIENTS * OPERATIONS_PER_CLIENT * ROUNDS) / 2);
    expect(await database.dataSource.getRepository(Message).count()).toBe(totalSent);

    // Every subscriber gets exactly its own messages: none lost, none twice.
    const deadline = Date.now() + 20_000;
    const delivered = () =>
      talents.every((t) => live.get(t.user.id)!.messages.length >= (sentTo.get(t.user.id)?.length ?? 0));
    while (!delivered() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const talent of talents) {
      const received = live.get(talent.user.id)!.messages;
      expect([...received].sort()).toEqual([...(sentTo.get(talent.user.id) ?? [])].sort());
    }

    // The last counts each subscriber saw match the database, once recounts have settled.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (const talent of talents) {
      const events = live.get(talent.user.id)!.counts.drain();
      expect(events.every((event) => event.errors === undefined)).toBe(true);
      expect(events.at(-1)?.data?.notificationCounts.newMessages).toBe(sentTo.get(talent.user.id)?.length ?? 0);
    }

    const megabytes = heaps.map((heap) => (heap / 1024 / 1024).toFixed(1));
    console.log(`heap after GC, before and after each round (MB): ${megabytes.join(" → ")}`);
    // Memory after the last round is within 25 MB of after the first.
    expect(heaps[ROUNDS]! - heaps[1]!).toBeLessThan(25 * 1024 * 1024);
  });
});
