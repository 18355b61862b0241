import type { Client } from "graphql-ws";
import {
  NotificationCountsDocument,
  SendMessageDocument,
  type NotificationCountsSubscription,
} from "../generated/operations";
import type { TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { createStatementCounter } from "../support/statement-counter";
import { useGateway } from "../support/use-gateway";

type Counts = NotificationCountsSubscription["notificationCounts"];
const ZERO: Counts = {
  newMessages: 0,
  newInvitations: 0,
  auditionRequests: 0,
  draftApplications: 0,
  newRolesMatched: 0,
};

/** The recount's own statement (src/queries/at-a-glance.query.ts), told apart from the mutation's. */
const isRecount = (sql: string) =>
  /FROM users viewer\s+LEFT JOIN talent_profiles tp ON tp\.talentId = viewer\.id/.test(sql);

const counter = createStatementCounter();
const gateway = useGateway({ databaseLogger: counter });
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

/** `sockets` connections of one talent, each running `perSocket` notificationCounts subscriptions. */
async function watch(talent: TestUser, sockets: number, perSocket: number) {
  const mine: Client[] = [];
  const subscriptions: Array<TestSubscription<NotificationCountsSubscription>> = [];
  for (let s = 0; s < sockets; s += 1) {
    const client = liveClient(gateway.app.url, talent.token);
    mine.push(client);
    clients.push(client);
    for (let i = 0; i < perSocket; i += 1) subscriptions.push(subscribe(client, NotificationCountsDocument));
  }
  for (const subscription of subscriptions) expect((await subscription.next()).data!.notificationCounts).toEqual(ZERO);
  return { subscriptions, dispose: () => Promise.all(mine.map((client) => client.dispose())) };
}

/** A director's message to the talent, and the SQL it cost once every watcher had its new counts. */
async function statementsOfOneMessage(
  director: TestUser,
  talent: TestUser,
  subscriptions: Array<TestSubscription<NotificationCountsSubscription>>,
): Promise<string[]> {
  counter.reset();
  const sent = await request(
    gateway.app.url,
    SendMessageDocument,
    { input: { toUserId: String(talent.user.id), body: "Callback on Monday?" } },
    { token: director.token },
  );
  expect(sent.errors).toBeUndefined();
  for (const subscription of subscriptions) {
    expect((await subscription.next()).data!.notificationCounts).toEqual({ ...ZERO, newMessages: 1 });
  }
  // Anything late (a second recount, a repeated value) would show up meanwhile.
  await Promise.all(subscriptions.map((subscription) => subscription.expectSilence(200)));
  return [...counter.statements];
}

describe("notificationCounts subscriptions of one talent", () => {
  it("share one recount per change: 5 sockets × 10 subscriptions cost the statements of one subscription", async () => {
    const f = gateway.fixtures;
    const director = await f.director();
    const watched = await f.talent("Watched by fifty");
    const alone = await f.talent("Watched once");
    const fifty = await watch(watched, 5, 10);
    const one = await watch(alone, 1, 1);

    const withFifty = await statementsOfOneMessage(director, watched, fifty.subscriptions);
    const withOne = await statementsOfOneMessage(director, alone, one.subscriptions);

    expect(withFifty.filter(isRecount)).toHaveLength(1);
    expect(withFifty).toHaveLength(withOne.length);
    await fifty.dispose();
    await one.dispose();
  });

  it("give a subscription that joins later the counts as they are now, then the next change", async () => {
    const f = gateway.fixtures;
    const director = await f.director();
    const talent = await f.talent();
    const early = await watch(talent, 1, 3);
    await statementsOfOneMessage(director, talent, early.subscriptions);

    const lateClient = liveClient(gateway.app.url, talent.token);
    clients.push(lateClient);
    const late = subscribe(lateClient, NotificationCountsDocument);
    expect((await late.next()).data!.notificationCounts).toEqual({ ...ZERO, newMessages: 1 });
    await Promise.all(early.subscriptions.map((subscription) => subscription.expectSilence(100)));

    await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "And one more" } },
      { token: director.token },
    );
    for (const subscription of [...early.subscriptions, late]) {
      expect((await subscription.next()).data!.notificationCounts).toEqual({ ...ZERO, newMessages: 2 });
    }
    await early.dispose();
    await lateClient.dispose();
  });

  it("stop recounting once the talent's last subscription has ended", async () => {
    const f = gateway.fixtures;
    const director = await f.director();
    const talent = await f.talent();
    const watchers = await watch(talent, 2, 3);
    watchers.subscriptions[0]!.unsubscribe();
    await watchers.dispose();
    // Let the server see the sockets close.
    await new Promise((resolve) => setTimeout(resolve, 200));

    counter.reset();
    const sent = await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(talent.user.id), body: "Anyone there?" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(counter.statements.filter(isRecount)).toEqual([]);
  });
});
