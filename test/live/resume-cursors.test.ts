import { print } from "graphql";
import type { Client } from "graphql-ws";
import { ApplicationStatus, Message } from "../../entities";
import type { App } from "../../src/app";
import { runSql } from "../../src/db/sql/run-sql";
import type { DomainEvent } from "../../src/live/domain-events";
import { transaction } from "../../src/db/transaction";
import { appendToOutbox } from "../../src/outbox/append-to-outbox";
import { createCursorCodec } from "../../src/pagination/cursor";
import { createStreamCursors } from "../../src/pagination/stream-cursor";
import {
  AuditionRequestsAfterDocument,
  InvitationsAfterDocument,
  InviteToApplyDocument,
  MessagesAfterDocument,
  MessagesWithStreamCursorDocument,
  NotificationCountsDocument,
  RequestAuditionDocument,
  SendMessageDocument,
  SendMessageWithStreamCursorDocument,
} from "../generated/operations";
import { daysFromNow, fixtures, type Fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { startTestApp, testConfig, testRedisUrl, TEST_JWT_SECRET } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * Resume cursors end to end. With TEST_REDIS_URL (CI's MariaDB run) there are
 * two gateway instances sharing the database and Redis: items are sent through
 * `other`, subscribers sit on `first`. Without Redis the bus is in-process, so
 * it reaches one instance only: `other` is then `first` itself, and what is
 * tested is the replay from the database and the hand-over to live pushes.
 */

const REFUSAL =
  "Cannot resume messageReceived from this cursor (it is malformed, for another stream, or older than the replay " +
  "window): refetch the list, then subscribe without after, or with a streamCursor from it";

let database: TestDatabase;
let first: App;
let other: App;
let f: Fixtures;
let director: TestUser;
let productionId: number;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  // The timer relays what no nudge reached (the rows this test writes itself); both instances relay.
  const config = testConfig(database.config, { OUTBOX_POLL_INTERVAL_MS: "50" });
  first = (await startTestApp(config)).app;
  other = testRedisUrl ? (await startTestApp(config)).app : first;
  f = fixtures(first.db);
  director = await f.director();
  productionId = (await f.production(director.user.id)).id;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  if (other !== first) await other?.stop();
  await first?.stop();
  await database?.drop();
});

function connect(user: TestUser): Client {
  const client = liveClient(first.url, user.token);
  clients.push(client);
  return client;
}

/** Waits until every outbox event is relayed (published, and marked with its sequence). */
async function allRelayed(): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [row] = await runSql<{ n: number | string }>(
      first.db,
      "SELECT COUNT(*) AS n FROM outbox_events WHERE relaySequence IS NULL",
      {},
    );
    if (Number(row!.n) === 0) return;
    if (Date.now() > deadline) throw new Error(`${row!.n} outbox events still unrelayed`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function sendMessage(talent: TestUser, body: string): Promise<string> {
  const sent = await request(
    other.url,
    SendMessageDocument,
    { input: { toUserId: String(talent.user.id), body } },
    { token: director.token },
  );
  expect(sent.errors).toBeUndefined();
  return sent.data!.sendMessage.id;
}

async function invite(talent: TestUser): Promise<string> {
  const role = await f.role(productionId);
  const sent = await request(
    other.url,
    InviteToApplyDocument,
    { input: { roleId: String(role.id), talentId: String(talent.user.id) } },
    { token: director.token },
  );
  expect(sent.errors).toBeUndefined();
  return sent.data!.inviteToApply.id;
}

async function requestAudition(talent: TestUser): Promise<string> {
  const role = await f.role(productionId);
  const application = await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
  const sent = await request(
    other.url,
    RequestAuditionDocument,
    { input: { applicationId: String(application.id), dueAt: daysFromNow(7).toISOString() } },
    { token: director.token },
  );
  expect(sent.errors).toBeUndefined();
  return sent.data!.requestAudition.id;
}

type Item = { id: string; streamCursor: string };

async function take<TData>(subscription: TestSubscription<TData>, count: number, pick: (data: TData) => Item) {
  const items: Item[] = [];
  for (let i = 0; i < count; i += 1) {
    const result = await subscription.next(10_000);
    expect(result.errors).toBeUndefined();
    items.push(pick(result.data!));
  }
  return items;
}

const ids = (items: Item[]) => items.map((item) => item.id);
const message = (data: { messageReceived: Item }) => data.messageReceived;
const invitation = (data: { invitationReceived: Item }) => data.invitationReceived;
const audition = (data: { auditionRequested: Item }) => data.auditionRequested;

async function streams(user: TestUser, after: { messages?: string; invitations?: string; auditions?: string } = {}) {
  const client = connect(user);
  return {
    client,
    messages: subscribe(client, MessagesAfterDocument, { after: after.messages ?? null }),
    invitations: subscribe(client, InvitationsAfterDocument, { after: after.invitations ?? null }),
    auditions: subscribe(client, AuditionRequestsAfterDocument, { after: after.auditions ?? null }),
  };
}

/**
 * A subscribe has no acknowledgement: the counts' first value, read from the
 * database after the item streams subscribed on the same socket, says they listen.
 */
async function untilListening(client: Client) {
  const counts = subscribe(client, NotificationCountsDocument);
  expect((await counts.next()).errors).toBeUndefined();
  counts.unsubscribe();
}

const N = 4;

describe(`resume cursors on ${testEngine}${testRedisUrl ? ", two instances sharing Redis" : ", one instance"}`, () => {
  it("resumes each stream after the items missed while away: exactly those, in order, then live ones", async () => {
    const talent = await f.talent("Away");
    const before = await streams(talent);
    await untilListening(before.client);
    const seen = { messages: [] as string[], invitations: [] as string[], auditions: [] as string[] };
    for (let i = 0; i < N; i += 1) {
      seen.messages.push(await sendMessage(talent, `seen ${i}`));
      seen.invitations.push(await invite(talent));
      seen.auditions.push(await requestAudition(talent));
    }
    const last = {
      messages: await take(before.messages, N, message),
      invitations: await take(before.invitations, N, invitation),
      auditions: await take(before.auditions, N, audition),
    };
    expect([ids(last.messages), ids(last.invitations), ids(last.auditions)]).toEqual([
      seen.messages,
      seen.invitations,
      seen.auditions,
    ]);
    await before.client.dispose();

    const missed = { messages: [] as string[], invitations: [] as string[], auditions: [] as string[] };
    for (let i = 0; i < N; i += 1) {
      missed.messages.push(await sendMessage(talent, `missed ${i}`));
      missed.invitations.push(await invite(talent));
      missed.auditions.push(await requestAudition(talent));
    }
    await allRelayed();

    const after = await streams(talent, {
      messages: last.messages.at(-1)!.streamCursor,
      invitations: last.invitations.at(-1)!.streamCursor,
      auditions: last.auditions.at(-1)!.streamCursor,
    });
    expect(ids(await take(after.messages, N, message))).toEqual(missed.messages);
    expect(ids(await take(after.invitations, N, invitation))).toEqual(missed.invitations);
    expect(ids(await take(after.auditions, N, audition))).toEqual(missed.auditions);

    const live = [await sendMessage(talent, "live"), await invite(talent), await requestAudition(talent)];
    expect([
      ids(await take(after.messages, 1, message)),
      ids(await take(after.invitations, 1, invitation)),
      ids(await take(after.auditions, 1, audition)),
    ]).toEqual([[live[0]], [live[1]], [live[2]]]);
    await Promise.all([
      after.messages.expectSilence(300),
      after.invitations.expectSilence(0),
      after.auditions.expectSilence(0),
    ]);
  });

  it("gives no duplicate and no gap when items are sent while a long replay is under way", async () => {
    const talent = await f.talent("Racing");
    const before = await streams(talent);
    await untilListening(before.client);
    const marker = await sendMessage(talent, "the last one seen");
    const [seen] = await take(before.messages, 1, message);
    expect(seen!.id).toBe(marker);
    await before.client.dispose();

    // 250 missed messages, written as the mutation writes them (row and event in one transaction), in bulk.
    const bulk: string[] = [];
    for (let batch = 0; batch < 5; batch += 1) {
      await transaction(first.db, async (manager) => {
        const events: DomainEvent[] = [];
        for (let i = 0; i < 50; i += 1) {
          const row = await manager.getRepository(Message).save({
            senderId: director.user.id,
            recipientId: talent.user.id,
            productionId: null,
            body: `bulk ${batch * 50 + i}`,
            sentAt: new Date(),
            readAt: null,
          });
          bulk.push(String(row.id));
          events.push({ type: "MESSAGE_SENT", messageId: row.id, recipientId: talent.user.id });
        }
        await appendToOutbox(manager, events, new Date());
      });
    }
    await allRelayed();

    const resumed = subscribe(connect(talent), MessagesAfterDocument, { after: seen!.streamCursor });
    const sentMeanwhile: string[] = [];
    for (let i = 0; i < 8; i += 1) sentMeanwhile.push(await sendMessage(talent, `during the replay ${i}`));
    const received = await take(resumed, bulk.length + sentMeanwhile.length, message);
    expect(ids(received)).toEqual([...bulk, ...sentMeanwhile]);
    await resumed.expectSilence(300);
  });

  it("does not skip an event committed after one with a higher id was already relayed and pushed", async () => {
    const talent = await f.talent("Out of order");
    const before = await streams(talent);
    await untilListening(before.client);
    // Leave a gap of free ids below the next event, as a transaction that took its id earlier would.
    const [{ maxId }] = await runSql<{ maxId: number | string }>(
      first.db,
      "SELECT MAX(id) AS maxId FROM outbox_events",
      {},
    );
    const lowerId = Number(maxId) + 10;
    await first.db.query(
      testEngine === "mysql"
        ? `ALTER TABLE outbox_events AUTO_INCREMENT = ${Number(maxId) + 50}`
        : `UPDATE sqlite_sequence SET seq = ${Number(maxId) + 50} WHERE name = 'outbox_events'`,
    );
    const higher = await sendMessage(talent, "higher id, committed first");
    const [pushed] = await take(before.messages, 1, message);
    expect(pushed!.id).toBe(higher);
    await before.client.dispose();

    const late = await f.message(director.user.id, talent.user.id, { body: "lower id, committed later" });
    await transaction(first.db, (manager) =>
      runSql(
        manager,
        "INSERT INTO outbox_events (id, type, payload, audienceId, createdAt) VALUES (:id, 'MESSAGE_SENT', :payload, :talentId, :now)",
        {
          id: lowerId,
          payload: JSON.stringify({ type: "MESSAGE_SENT", messageId: late.id, recipientId: talent.user.id }),
          talentId: talent.user.id,
          now: new Date(),
        },
      ),
    );
    await allRelayed();
    const [{ lowerSequence, higherSequence }] = await runSql<{ lowerSequence: number; higherSequence: number }>(
      first.db,
      `SELECT (SELECT relaySequence FROM outbox_events WHERE id = :lowerId) AS lowerSequence,
              (SELECT MAX(relaySequence) FROM outbox_events WHERE id > :lowerId) AS higherSequence`,
      { lowerId },
    );
    expect(Number(lowerSequence)).toBeGreaterThan(Number(higherSequence));

    const resumed = subscribe(connect(talent), MessagesAfterDocument, { after: pushed!.streamCursor });
    expect(ids(await take(resumed, 1, message))).toEqual([String(late.id)]);
    await resumed.expectSilence(300);
  });

  // A real transaction held open across a relay pass needs row locks: MariaDB's (SQLite has one writer at a time).
  if (testEngine === "mysql") {
    it("does not skip a transaction that took a lower id, stayed open while a later one was relayed, then committed", async () => {
      const talent = await f.talent("Held open");
      const before = await streams(talent);
      await untilListening(before.client);
      const held = first.db.createQueryRunner();
      await held.connect();
      try {
        await held.startTransaction("READ COMMITTED");
        const slow = await held.manager.getRepository(Message).save({
          senderId: director.user.id,
          recipientId: talent.user.id,
          productionId: null,
          body: "taken first, committed last",
          sentAt: new Date(),
          readAt: null,
        });
        await appendToOutbox(
          held.manager,
          [{ type: "MESSAGE_SENT", messageId: slow.id, recipientId: talent.user.id }],
          new Date(),
        );
        const quick = await sendMessage(talent, "taken second, committed first");
        const [pushed] = await take(before.messages, 1, message);
        expect(pushed!.id).toBe(quick);
        await before.client.dispose();
        await held.commitTransaction();
        await allRelayed();

        const resumed = subscribe(connect(talent), MessagesAfterDocument, { after: pushed!.streamCursor });
        expect(ids(await take(resumed, 1, message))).toEqual([String(slow.id)]);
        await resumed.expectSilence(300);
      } finally {
        if (held.isTransactionActive) await held.rollbackTransaction();
        await held.release();
      }
    });
  }

  it("resumes from a list item's streamCursor without missing an item committed right after the list was read", async () => {
    const talent = await f.talent("From the list");
    const listed = [await sendMessage(talent, "listed 1"), await sendMessage(talent, "listed 2")];
    await allRelayed();
    const list = await request(first.url, MessagesWithStreamCursorDocument, { first: 10 }, { token: talent.token });
    const nodes = list.data!.dashboard.messages.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.id).sort()).toEqual([...listed].sort());
    const justAfter = await sendMessage(talent, "committed right after the list was read");
    await allRelayed();

    const resumed = subscribe(connect(talent), MessagesAfterDocument, { after: nodes[0]!.streamCursor });
    // The list's own items were relayed within the clock margin before the read: replayed too (clients dedupe by id).
    expect(ids(await take(resumed, 3, message))).toEqual([...listed, justAfter]);
    await resumed.expectSilence(300);
  });
});

describe("refused resume cursors", () => {
  let talent: TestUser;
  let someoneElse: TestUser;
  let valid: string;
  const signed = createStreamCursors(createCursorCodec(TEST_JWT_SECRET));

  beforeAll(async () => {
    talent = await f.talent("Refused");
    someoneElse = await f.talent("Someone else");
    await sendMessage(talent, "for the cursor");
    await sendMessage(someoneElse, "for the other cursor");
    await allRelayed();
    valid = await listCursor(talent);
  });

  async function listCursor(user: TestUser): Promise<string> {
    const list = await request(first.url, MessagesWithStreamCursorDocument, { first: 1 }, { token: user.token });
    return list.data!.dashboard.messages.edges[0]!.node.streamCursor;
  }

  async function lastRelaySequence(): Promise<number> {
    const [row] = await runSql<{ last: number | string }>(
      first.db,
      "SELECT lastRelaySequence AS last FROM outbox_relay_state WHERE id = 1",
      {},
    );
    return Number(row!.last);
  }

  async function expectRefused(
    document: typeof MessagesAfterDocument | typeof InvitationsAfterDocument,
    after: string,
    stream = "messageReceived",
  ) {
    const subscription = subscribe(connect(talent), print(document), { after });
    const result = await subscription.next();
    expect(result).toEqual({
      data: undefined,
      errors: [
        expect.objectContaining({
          message: REFUSAL.replace("messageReceived", stream),
          extensions: { code: "BAD_USER_INPUT", field: "after" },
        }),
      ],
    });
    expect(await subscription.ended).toBe("complete");
  }

  it("accepts the talent's own list cursor (the control for the refusals below)", async () => {
    const subscription = subscribe(connect(talent), MessagesAfterDocument, { after: valid });
    expect(ids(await take(subscription, 1, message))).toHaveLength(1);
    subscription.unsubscribe();
  });

  it.each<[string, () => string]>([
    ["garbage", () => "not-a-cursor"],
    ["a tampered signature", () => `${valid.slice(0, -2)}${valid.endsWith("AA") ? "AB" : "AA"}`],
    [
      "a tampered position",
      () => {
        const [payload, signature] = valid.split(".");
        const position = JSON.parse(Buffer.from(payload!, "base64url").toString()) as unknown[];
        position[2] = Date.now() - 1;
        return `${Buffer.from(JSON.stringify(position)).toString("base64url")}.${signature}`;
      },
    ],
    ["a cursor longer than the cap", () => `${valid}${"x".repeat(300)}`],
    [
      "older than the replay window",
      () =>
        signed.encode("messageReceived", talent.user.id, {
          kind: "time",
          readAt: new Date(Date.now() - 86_400_000 - 60_000),
        }),
    ],
    [
      "a pushed item's, older than the replay window",
      () =>
        signed.encode("messageReceived", talent.user.id, {
          kind: "sequence",
          sequence: 1,
          issuedAt: daysFromNow(-2),
          itemId: 1,
        }),
    ],
    [
      "from the future",
      () => signed.encode("messageReceived", talent.user.id, { kind: "time", readAt: new Date(Date.now() + 60_000) }),
    ],
  ])("refuses %s with BAD_USER_INPUT", async (_case, cursor) => {
    await expectRefused(MessagesAfterDocument, cursor());
  });

  it("refuses another talent's cursor, and shows none of that talent's items", async () => {
    await expectRefused(MessagesAfterDocument, await listCursor(someoneElse));
  });

  it("refuses a cursor from another stream", async () => {
    await expectRefused(InvitationsAfterDocument, valid, "invitationReceived");
  });

  it("refuses a casting director's cursor (a mutation's answer) on a talent's stream", async () => {
    const sent = await request(
      first.url,
      SendMessageWithStreamCursorDocument,
      { input: { toUserId: String(talent.user.id), body: "with a cursor for the sender" } },
      { token: director.token },
    );
    await expectRefused(MessagesAfterDocument, sent.data!.sendMessage.streamCursor);
  });

  it("refuses a sequence beyond the relay counter (a forged cursor)", async () => {
    const beyond = (await lastRelaySequence()) + 1_000;
    await expectRefused(
      MessagesAfterDocument,
      signed.encode("messageReceived", talent.user.id, {
        kind: "sequence",
        sequence: beyond,
        issuedAt: new Date(),
        itemId: 1,
      }),
    );
  });

  it("refuses a cursor below what pruning kept, and accepts it again at the mark", async () => {
    // The mark at the talent's latest message: a cursor of that push names it, one below does not reach.
    const [latest] = await runSql<{ relaySequence: number | string; payload: string }>(
      first.db,
      `SELECT relaySequence, payload FROM outbox_events WHERE audienceId = :talentId AND type = 'MESSAGE_SENT'
       ORDER BY relaySequence DESC LIMIT 1`,
      { talentId: talent.user.id },
    );
    const last = Number(latest!.relaySequence);
    const latestMessageId = (JSON.parse(latest!.payload) as { messageId: number }).messageId;
    const below = signed.encode("messageReceived", talent.user.id, {
      kind: "sequence",
      sequence: last - 1,
      issuedAt: new Date(),
      itemId: latestMessageId,
    });
    await runSql(first.db, "UPDATE outbox_relay_state SET prunedThroughSequence = :last WHERE id = 1", { last });
    try {
      await expectRefused(MessagesAfterDocument, below);
      // A list cursor whose replay would start at the talent's message, below the mark.
      await expectRefused(MessagesAfterDocument, valid);
      const atTheMark = signed.encode("messageReceived", talent.user.id, {
        kind: "sequence",
        sequence: last,
        issuedAt: new Date(),
        itemId: latestMessageId,
      });
      const subscription = subscribe(connect(talent), MessagesAfterDocument, { after: atTheMark });
      await subscription.expectSilence(300);
      subscription.unsubscribe();
    } finally {
      await runSql(first.db, "UPDATE outbox_relay_state SET prunedThroughSequence = 0 WHERE id = 1", {});
    }
  });

  it("answers an after that is not a string with a validation error", async () => {
    const subscription = subscribe(connect(talent), "subscription { messageReceived(after: 5) { id } }");
    expect(await subscription.ended).toEqual([
      expect.objectContaining({ message: "String cannot represent a non string value: 5" }),
    ]);
  });

  it("still refuses the subscriptions to a casting director, with a cursor too", async () => {
    const subscription = subscribe(connect(director), MessagesAfterDocument, { after: valid });
    const result = await subscription.next();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN" } })]);
  });
});
