import { print } from "graphql";
import type { Client } from "graphql-ws";
import { ApplicationStatus, AuditionRequestStatus } from "../../entities";
import type { App } from "../../src/app";
import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import { appendToOutbox } from "../../src/outbox/append-to-outbox";
import {
  ApplicationsSubmittedAfterDocument,
  AuditionRequestedDocument,
  CastingNotificationCountsDocument,
  InvitationReceivedDocument,
  MarkApplicationSeenDocument,
  MarkMessageReadDocument,
  MarkSelfTapeSeenDocument,
  MessageReceivedDocument,
  MessagesAfterDocument,
  NotificationCountsDocument,
  RepliesAfterDocument,
  SelfTapesSubmittedAfterDocument,
  SendMessageDocument,
  SendMessageWithStreamCursorDocument,
  SubmitApplicationDocument,
  SubmitApplicationWithStreamCursorDocument,
  SubmitSelfTapeDocument,
} from "../generated/operations";
import { daysFromNow, fixtures, type Fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { startTestApp, testConfig, testRedisUrl } from "../support/test-app";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The casting director's live side end to end. With TEST_REDIS_URL there are
 * two gateway instances sharing the database and Redis: talents act through
 * `other`, directors subscribe on `first`. Without Redis the bus is
 * in-process and `other` is `first` itself.
 */

let database: TestDatabase;
let first: App;
let other: App;
let f: Fixtures;
const clients: Client[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.config, { OUTBOX_POLL_INTERVAL_MS: "50" });
  first = (await startTestApp(config)).app;
  other = testRedisUrl ? (await startTestApp(config)).app : first;
  f = fixtures(first.db);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  if (other !== first) await other?.stop();
  await first?.stop();
  await database?.drop();
});

function connect(user: TestUser | null): Client {
  const client = liveClient(first.url, user?.token ?? null);
  clients.push(client);
  return client;
}

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

/** A director with a production and a talent who may reply (the director wrote first). */
async function castingPair(name: string) {
  const director = await f.director(`Director ${name}`);
  const production = await f.production(director.user.id);
  const talent = await f.talent(`Talent ${name}`);
  await f.message(director.user.id, talent.user.id, { readAt: new Date() });
  return { director, productionId: production.id, talent };
}

async function reply(talent: TestUser, director: TestUser, body: string): Promise<string> {
  const sent = await request(
    other.url,
    SendMessageDocument,
    { input: { toUserId: String(director.user.id), body } },
    { token: talent.token },
  );
  expect(sent.errors).toBeUndefined();
  return sent.data!.sendMessage.id;
}

async function submitApplication(talent: TestUser, productionId: number): Promise<string> {
  const role = await f.role(productionId);
  const draft = await f.application(talent.user.id, role.id, ApplicationStatus.DRAFT, { coverLetter: "Pick me" });
  const submitted = await request(
    other.url,
    SubmitApplicationDocument,
    { id: String(draft.id) },
    { token: talent.token },
  );
  expect(submitted.errors).toBeUndefined();
  return submitted.data!.submitApplication.id;
}

async function submitTape(talent: TestUser, director: TestUser, productionId: number): Promise<string> {
  const role = await f.role(productionId);
  const application = await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED, {
    seenAt: new Date(),
  });
  const request_ = await f.auditionRequest(application, director.user.id);
  const submitted = await request(
    other.url,
    SubmitSelfTapeDocument,
    { auditionRequestId: String(request_.id), url: `https://tapes.example.test/${request_.id}` },
    { token: talent.token },
  );
  expect(submitted.errors).toBeUndefined();
  return submitted.data!.submitSelfTape.id;
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
const replyOf = (data: { replyReceived: Item }) => data.replyReceived;
const applicationOf = (data: { applicationSubmitted: Item }) => data.applicationSubmitted;
const tapeOf = (data: { selfTapeSubmitted: Item }) => data.selfTapeSubmitted;

function streams(director: TestUser, after: { replies?: string; applications?: string; tapes?: string } = {}) {
  const client = connect(director);
  return {
    client,
    replies: subscribe(client, RepliesAfterDocument, { after: after.replies ?? null }),
    applications: subscribe(client, ApplicationsSubmittedAfterDocument, { after: after.applications ?? null }),
    tapes: subscribe(client, SelfTapesSubmittedAfterDocument, { after: after.tapes ?? null }),
  };
}

/** The counts' first value, read after the item streams subscribed on the same socket, says they listen. */
async function untilListening(client: Client) {
  const counts = subscribe(client, CastingNotificationCountsDocument);
  expect((await counts.next()).errors).toBeUndefined();
  counts.unsubscribe();
}

const setting = `on ${testEngine}${testRedisUrl ? ", two instances sharing Redis" : ", one instance"}`;

describe(`a casting director's item subscriptions ${setting}`, () => {
  it("pushes exactly the director's replies, submitted applications and tapes, never another director's", async () => {
    const a = await castingPair("A");
    const b = await castingPair("B");
    // Each talent works with both directors.
    await f.message(b.director.user.id, a.talent.user.id, { readAt: new Date() });
    await f.message(a.director.user.id, b.talent.user.id, { readAt: new Date() });
    const ofA = streams(a.director);
    const ofB = streams(b.director);
    await Promise.all([untilListening(ofA.client), untilListening(ofB.client)]);

    const sentToA = {
      replies: [await reply(a.talent, a.director, "to A"), await reply(b.talent, a.director, "to A, too")],
      applications: [await submitApplication(a.talent, a.productionId)],
      tapes: [await submitTape(a.talent, a.director, a.productionId)],
    };
    const sentToB = {
      replies: [await reply(a.talent, b.director, "to B")],
      applications: [
        await submitApplication(a.talent, b.productionId),
        await submitApplication(b.talent, b.productionId),
      ],
      tapes: [await submitTape(b.talent, b.director, b.productionId)],
    };

    expect(ids(await take(ofA.replies, 2, replyOf))).toEqual(sentToA.replies);
    expect(ids(await take(ofA.applications, 1, applicationOf))).toEqual(sentToA.applications);
    expect(ids(await take(ofA.tapes, 1, tapeOf))).toEqual(sentToA.tapes);
    expect(ids(await take(ofB.replies, 1, replyOf))).toEqual(sentToB.replies);
    expect(ids(await take(ofB.applications, 2, applicationOf))).toEqual(sentToB.applications);
    expect(ids(await take(ofB.tapes, 1, tapeOf))).toEqual(sentToB.tapes);
    await Promise.all(
      [ofA, ofB].flatMap((s) => [
        s.replies.expectSilence(300),
        s.applications.expectSilence(0),
        s.tapes.expectSilence(0),
      ]),
    );
  });

  it("pushes the application with the talent's public profile only: no score in the payload", async () => {
    const { director, productionId } = await castingPair("Profile");
    const talent = await f.talent("Ada Lovelace", { bio: "Stage and screen", location: "Leeds" });
    await f.skills(talent.user.id, ["Singing"]);
    await f.credits(talent.user.id, ["Hamlet"]);
    const { client, applications } = streams(director);
    await untilListening(client);
    const role = await f.role(productionId);
    const draft = await f.application(talent.user.id, role.id, ApplicationStatus.DRAFT, { coverLetter: "Hello" });
    const submitted = await request(
      other.url,
      SubmitApplicationDocument,
      { id: String(draft.id) },
      { token: talent.token },
    );
    expect(submitted.errors).toBeUndefined();

    const pushed = await applications.next(10_000);
    expect(pushed.errors).toBeUndefined();
    const { streamCursor, ...rest } = pushed.data!.applicationSubmitted;
    expect(typeof streamCursor).toBe("string");
    expect(rest).toEqual({
      id: String(draft.id),
      status: "SUBMITTED",
      coverLetter: "Hello",
      seenByCastingDirector: false,
      role: { id: String(role.id) },
      talent: {
        id: String(talent.user.id),
        name: "Ada Lovelace",
        bio: "Stage and screen",
        location: "Leeds",
        unionStatus: null,
        skills: ["Singing"],
        headshot: null,
        credits: [{ title: "Hamlet" }],
      },
    });
    expect(JSON.stringify(pushed)).not.toMatch(/score/i);
  });

  it("re-checks each push: an event naming another director's application or request pushes neither", async () => {
    const a = await castingPair("Checked A");
    const b = await castingPair("Checked B");
    const { client, applications, tapes } = streams(a.director);
    await untilListening(client);
    const bRole = await f.role(b.productionId);
    const bApplication = await f.application(b.talent.user.id, bRole.id, ApplicationStatus.SUBMITTED);
    const bRequest = await f.auditionRequest(bApplication, b.director.user.id);
    // Events no mutation would write: routed to A, naming B's rows.
    await transaction(first.db, (manager) =>
      appendToOutbox(
        manager,
        [
          { type: "APPLICATION_SUBMITTED", applicationId: bApplication.id, castingDirectorId: a.director.user.id },
          { type: "SELF_TAPE_SUBMITTED", auditionRequestId: bRequest.id, castingDirectorId: a.director.user.id },
        ],
        new Date(),
      ),
    );
    const notFound = (what: string, id: number) => ({
      data: null,
      errors: [
        expect.objectContaining({ message: `${what} '${id}' does not exist`, extensions: { code: "NOT_FOUND" } }),
      ],
    });
    expect(await applications.next(10_000)).toEqual(notFound("Application", bApplication.id));
    expect(await tapes.next(10_000)).toEqual(notFound("AuditionRequest", bRequest.id));
  });

  it("resumes each stream after the items missed while away: exactly those, in order, then live ones", async () => {
    const { director, productionId, talent } = await castingPair("Away");
    const N = 3;
    const before = streams(director);
    await untilListening(before.client);
    const seen = { replies: [] as string[], applications: [] as string[], tapes: [] as string[] };
    for (let i = 0; i < N; i += 1) {
      seen.replies.push(await reply(talent, director, `seen ${i}`));
      seen.applications.push(await submitApplication(talent, productionId));
      seen.tapes.push(await submitTape(talent, director, productionId));
    }
    const last = {
      replies: await take(before.replies, N, replyOf),
      applications: await take(before.applications, N, applicationOf),
      tapes: await take(before.tapes, N, tapeOf),
    };
    expect([ids(last.replies), ids(last.applications), ids(last.tapes)]).toEqual([
      seen.replies,
      seen.applications,
      seen.tapes,
    ]);
    await before.client.dispose();

    const missed = { replies: [] as string[], applications: [] as string[], tapes: [] as string[] };
    for (let i = 0; i < N; i += 1) {
      missed.replies.push(await reply(talent, director, `missed ${i}`));
      missed.applications.push(await submitApplication(talent, productionId));
      missed.tapes.push(await submitTape(talent, director, productionId));
    }
    await allRelayed();

    const after = streams(director, {
      replies: last.replies.at(-1)!.streamCursor,
      applications: last.applications.at(-1)!.streamCursor,
      tapes: last.tapes.at(-1)!.streamCursor,
    });
    expect(ids(await take(after.replies, N, replyOf))).toEqual(missed.replies);
    expect(ids(await take(after.applications, N, applicationOf))).toEqual(missed.applications);
    expect(ids(await take(after.tapes, N, tapeOf))).toEqual(missed.tapes);

    const live = [
      await reply(talent, director, "live"),
      await submitApplication(talent, productionId),
      await submitTape(talent, director, productionId),
    ];
    expect([
      ids(await take(after.replies, 1, replyOf)),
      ids(await take(after.applications, 1, applicationOf)),
      ids(await take(after.tapes, 1, tapeOf)),
    ]).toEqual([[live[0]], [live[1]], [live[2]]]);
    await Promise.all([
      after.replies.expectSilence(300),
      after.applications.expectSilence(0),
      after.tapes.expectSilence(0),
    ]);
  });

  it("resumes replyReceived from a Message.streamCursor a director read from a mutation's answer", async () => {
    const { director, talent } = await castingPair("From a mutation");
    const sent = await request(
      first.url,
      SendMessageWithStreamCursorDocument,
      { input: { toUserId: String(talent.user.id), body: "Write back" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    const answered = await reply(talent, director, "Written back");
    await allRelayed();
    const resumed = subscribe(connect(director), RepliesAfterDocument, {
      after: sent.data!.sendMessage.streamCursor,
    });
    expect(ids(await take(resumed, 1, replyOf))).toEqual([answered]);
    await resumed.expectSilence(300);
  });
});

describe(`refused cursors and account types ${setting}`, () => {
  async function expectRefused(
    document:
      typeof RepliesAfterDocument | typeof ApplicationsSubmittedAfterDocument | typeof SelfTapesSubmittedAfterDocument,
    stream: string,
    viewer: TestUser,
    after: string,
  ) {
    const subscription = subscribe(connect(viewer), print(document), { after });
    expect(await subscription.next()).toEqual({
      data: undefined,
      errors: [
        expect.objectContaining({
          message:
            `Cannot resume ${stream} from this cursor (it is malformed, for another stream, or older than the replay ` +
            "window): refetch the list, then subscribe without after, or with a streamCursor from it",
          extensions: { code: "BAD_USER_INPUT", field: "after" },
        }),
      ],
    });
    expect(await subscription.ended).toBe("complete");
  }

  it("refuses another director's cursor, a talent's cursor and another stream's cursor", async () => {
    const a = await castingPair("Cursor A");
    const b = await castingPair("Cursor B");
    const ofA = streams(a.director);
    await untilListening(ofA.client);
    await reply(a.talent, a.director, "for A");
    await submitApplication(a.talent, a.productionId);
    const [aReply] = await take(ofA.replies, 1, replyOf);
    const [aApplication] = await take(ofA.applications, 1, applicationOf);

    // The talent's own stream cursor (messageReceived, scoped to the talent).
    const talentClient = connect(a.talent);
    const talentMessages = subscribe(talentClient, MessagesAfterDocument, { after: null });
    await untilTalentListening(talentClient);
    const toTalent = await request(
      other.url,
      SendMessageDocument,
      { input: { toUserId: String(a.talent.user.id), body: "for the talent" } },
      { token: a.director.token },
    );
    expect(toTalent.errors).toBeUndefined();
    const [talentMessage] = await take(talentMessages, 1, (data) => data.messageReceived);

    // The control: A's own cursor is accepted.
    const accepted = subscribe(connect(a.director), RepliesAfterDocument, { after: aReply!.streamCursor });
    await accepted.expectSilence(300);

    await expectRefused(RepliesAfterDocument, "replyReceived", b.director, aReply!.streamCursor);
    await expectRefused(RepliesAfterDocument, "replyReceived", a.director, talentMessage!.streamCursor);
    await expectRefused(RepliesAfterDocument, "replyReceived", a.director, aApplication!.streamCursor);
    await expectRefused(ApplicationsSubmittedAfterDocument, "applicationSubmitted", a.director, aReply!.streamCursor);
    await expectRefused(SelfTapesSubmittedAfterDocument, "selfTapeSubmitted", a.director, aApplication!.streamCursor);
  });

  it("refuses a talent's Application.streamCursor to the director: it is scoped to the talent", async () => {
    const { director, productionId, talent } = await castingPair("Talent cursor");
    const role = await f.role(productionId);
    const draft = await f.application(talent.user.id, role.id, ApplicationStatus.DRAFT);
    const submitted = await request(
      other.url,
      SubmitApplicationWithStreamCursorDocument,
      { id: String(draft.id) },
      { token: talent.token },
    );
    expect(submitted.errors).toBeUndefined();
    const cursor = submitted.data!.submitApplication.streamCursor;
    await expectRefused(ApplicationsSubmittedAfterDocument, "applicationSubmitted", director, cursor);
  });

  async function untilTalentListening(client: Client) {
    const counts = subscribe(client, NotificationCountsDocument);
    expect((await counts.next()).errors).toBeUndefined();
    counts.unsubscribe();
  }

  async function expectForbidden(viewer: TestUser, document: string) {
    const subscription = subscribe(connect(viewer), document);
    const result = await subscription.next();
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN" } })]);
    expect(await subscription.ended).toBe("complete");
  }

  it.each([
    ["castingNotificationCounts", CastingNotificationCountsDocument],
    ["replyReceived", RepliesAfterDocument],
    ["applicationSubmitted", ApplicationsSubmittedAfterDocument],
    ["selfTapeSubmitted", SelfTapesSubmittedAfterDocument],
  ] as const)("refuses %s to a talent with FORBIDDEN", async (_name, document) => {
    await expectForbidden(await f.talent("Not a director"), print(document));
  });

  it.each([
    ["notificationCounts", NotificationCountsDocument],
    ["messageReceived", MessageReceivedDocument],
    ["invitationReceived", InvitationReceivedDocument],
    ["auditionRequested", AuditionRequestedDocument],
  ] as const)("refuses the talent's %s to a casting director with FORBIDDEN", async (_name, document) => {
    await expectForbidden(await f.director("Not a talent"), print(document));
  });

  it("closes a connection without a token with 4401 before a director's subscription starts", async () => {
    const subscription = subscribe(connect(null), CastingNotificationCountsDocument);
    expect(((await subscription.ended) as { code: number }).code).toBe(4401);
  });
});

describe(`castingNotificationCounts ${setting}`, () => {
  it("sends the director's counts at once, then exactly each change, and never the same values twice", async () => {
    const { director, productionId, talent } = await castingPair("Counts");
    const bystander = await castingPair("Bystander");
    // Something in each count before subscribing: one unread reply, one unseen application, one unseen tape.
    await f.message(talent.user.id, director.user.id);
    const earlierRole = await f.role(productionId);
    await f.application(talent.user.id, earlierRole.id, ApplicationStatus.SUBMITTED);
    const taped = await f.application(talent.user.id, (await f.role(productionId)).id, ApplicationStatus.SUBMITTED, {
      seenAt: new Date(),
    });
    await f.auditionRequest(taped, director.user.id, {
      status: AuditionRequestStatus.SUBMITTED,
      tapeUrl: "https://tapes.example.test/earlier",
      submittedAt: daysFromNow(-1),
    });

    const counts = subscribe(connect(director), CastingNotificationCountsDocument);
    const others = subscribe(connect(bystander.director), CastingNotificationCountsDocument);
    const expectCounts = async (unreadReplies: number, newApplications: number, newSelfTapes: number) =>
      expect(await counts.next(10_000)).toEqual({
        data: {
          castingNotificationCounts: { id: String(director.user.id), unreadReplies, newApplications, newSelfTapes },
        },
      });
    await expectCounts(1, 1, 1);
    expect((await others.next()).data).toEqual({
      castingNotificationCounts: {
        id: String(bystander.director.user.id),
        unreadReplies: 0,
        newApplications: 0,
        newSelfTapes: 0,
      },
    });

    const replyId = await reply(talent, director, "A reply");
    await expectCounts(2, 1, 1);
    const applicationId = await submitApplication(talent, productionId);
    await expectCounts(2, 2, 1);
    const requestId = await submitTape(talent, director, productionId);
    await expectCounts(2, 2, 2);

    const asDirector = { token: director.token };
    const seen = await request(other.url, MarkApplicationSeenDocument, { id: applicationId }, asDirector);
    expect(seen.errors).toBeUndefined();
    await expectCounts(2, 1, 2);
    expect((await request(other.url, MarkApplicationSeenDocument, { id: applicationId }, asDirector)).errors).toBe(
      undefined,
    );
    await counts.expectSilence(300);

    const watched = await request(other.url, MarkSelfTapeSeenDocument, { auditionRequestId: requestId }, asDirector);
    expect(watched.errors).toBeUndefined();
    await expectCounts(2, 1, 1);
    expect(
      (await request(other.url, MarkSelfTapeSeenDocument, { auditionRequestId: requestId }, asDirector)).errors,
    ).toBeUndefined();
    await counts.expectSilence(300);

    const read = await request(other.url, MarkMessageReadDocument, { id: replyId }, asDirector);
    expect(read.errors).toBeUndefined();
    await expectCounts(1, 1, 1);

    await counts.expectSilence(300);
    await others.expectSilence(0);
  });
});
