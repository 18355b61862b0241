import type { EventBus } from "../../src/live/event-bus";
import { SlowConsumerError } from "../../src/live/bounded-queue-stream";
import { createInProcessEventBus } from "../../src/live/in-process-event-bus";
import type { NotificationCounts } from "../../src/live/live-feeds";
import { createLiveUpdates, type LiveUpdates } from "../../src/live/live-updates";
import { createMemoryLogger } from "../../src/logger";

/*
 * The live layer alone, on the in-process bus, with fake readers and a fake
 * clock: no database. What reaches a feed, in which order, for whom, and how
 * often the counts are read.
 */

const counts = (newMessages: number, newRolesMatched = 0): NotificationCounts => ({
  newMessages,
  newInvitations: 0,
  auditionRequests: 0,
  draftApplications: 0,
  newRolesMatched,
});

/** Two bus deliveries' worth of ticks: what was published has arrived and its reactions have run. */
const settle = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

/** The in-process bus, recording which topics have listeners (the names stay the live layer's). */
function recordingBus() {
  const inner = createInProcessEventBus();
  const listening = new Map<string, number>();
  const published: Array<{ topic: string; payload: unknown }> = [];
  const bus: EventBus = {
    async publish(topic, payload) {
      published.push({ topic, payload });
      await inner.publish(topic, payload);
    },
    async subscribe(topic, listener) {
      const unsubscribe = await inner.subscribe(topic, listener);
      listening.set(topic, (listening.get(topic) ?? 0) + 1);
      return () => {
        listening.set(topic, listening.get(topic)! - 1);
        unsubscribe();
      };
    },
    close: () => inner.close(),
  };
  const listenerCount = () => [...listening.values()].reduce((sum, count) => sum + count, 0);
  return { bus, published, listenerCount, inner };
}

/**
 * Fake readers: every counts read waits until the test answers it, so a test
 * decides what a read returns and sees each read's talent and clock.
 */
function fakeReaders() {
  const reads: Array<{ talentId: number; now: Date; answer: (value: NotificationCounts) => void }> = [];
  const matches: Array<{ roleId: number; candidateIds: number[]; now: Date }> = [];
  let matching: number[] = [];
  return {
    reads,
    matches,
    matchRoleTo: (talentIds: number[]) => (matching = talentIds),
    /** Answers the oldest read not yet answered. */
    answer(value: NotificationCounts) {
      const read = reads.find((candidate) => !("answered" in candidate));
      if (!read) throw new Error("No counts read is waiting for an answer");
      Object.assign(read, { answered: true });
      read.answer(value);
    },
    readers: {
      countsOf: (talentId: number, now: Date) =>
        new Promise<NotificationCounts>((answer) => reads.push({ talentId, now, answer })),
      directorCountsOf: () => Promise.reject(new Error("no director counts in these tests")),
      async talentsNewlyMatched(roleId: number, candidateIds: number[], now: Date) {
        matches.push({ roleId, candidateIds: [...candidateIds].sort(), now });
        return matching.filter((talentId) => candidateIds.includes(talentId));
      },
      // Feeds without a resume cursor never read the outbox (test/live/resume-cursors.test.ts reads it).
      streams: {
        eventAt: () => Promise.reject(new Error("read the outbox without a resume cursor")),
        bounds: () => Promise.reject(new Error("read the outbox without a resume cursor")),
        firstSequenceRelayedSince: () => Promise.reject(new Error("read the outbox without a resume cursor")),
        eventsAfter: () => Promise.reject(new Error("read the outbox without a resume cursor")),
      },
    },
  };
}

let clock = new Date("2031-05-04T10:00:00.000Z");
let live: LiveUpdates;
let fake: ReturnType<typeof fakeReaders>;
let recorded: ReturnType<typeof recordingBus>;
let logger: ReturnType<typeof createMemoryLogger>;

beforeEach(async () => {
  clock = new Date("2031-05-04T10:00:00.000Z");
  fake = fakeReaders();
  recorded = recordingBus();
  logger = createMemoryLogger();
  live = createLiveUpdates({
    bus: recorded.bus,
    readers: fake.readers,
    now: () => clock,
    logger,
    maxQueuedEvents: 3,
    replayWindowMs: 60_000,
  });
  await live.start();
});

afterEach(() => live.close());

/** Subscribes to the talent's counts, answering the snapshot read with `snapshot`. */
async function countsFeed(talentId: number, snapshot: NotificationCounts) {
  const subscribing = live.notificationCounts(talentId);
  await settle();
  fake.answer(snapshot);
  const feed = await subscribing;
  expect((await feed.next()).value).toEqual(snapshot);
  return feed;
}

/** Resolves to the next value, or to "nothing" when none arrives within a few ticks. */
async function nextOrNothing<T>(feed: AsyncIterableIterator<T>) {
  const next = feed.next();
  const outcome = await Promise.race([next.then((result) => result.value), settle().then(() => "nothing" as const)]);
  return { outcome, next };
}

describe("the item feeds", () => {
  it("give a talent its new messages, invitations and self-tape requests, in the order they were published", async () => {
    const messages = await live.messagesReceived(1);
    const invitations = await live.invitationsReceived(1);
    const auditions = await live.auditionsRequested(1);
    for (const id of [11, 12, 13]) {
      live.publish({ type: "MESSAGE_SENT", messageId: id, recipientId: 1 }, id);
      live.publish({ type: "INVITATION_CREATED", invitationId: id + 10, talentId: 1 }, id + 10);
      live.publish({ type: "AUDITION_REQUESTED", auditionRequestId: id + 20, talentId: 1 }, id + 20);
    }
    await settle();
    for (const id of [11, 12, 13]) {
      expect((await messages.next()).value).toEqual({ messageId: id, sequence: id });
      expect((await invitations.next()).value).toEqual({ invitationId: id + 10, sequence: id + 10 });
      expect((await auditions.next()).value).toEqual({ auditionRequestId: id + 20, sequence: id + 20 });
    }
  });

  it("never give a talent another talent's events, nor a message to the sender", async () => {
    const mine = await live.messagesReceived(1);
    const myInvitations = await live.invitationsReceived(1);
    const theirs = await live.messagesReceived(2);
    live.publish({ type: "MESSAGE_SENT", messageId: 21, recipientId: 2 }, 21);
    live.publish({ type: "INVITATION_CREATED", invitationId: 22, talentId: 2 }, 22);
    live.publish({ type: "AUDITION_REQUESTED", auditionRequestId: 23, talentId: 2 }, 23);
    live.publish({ type: "MESSAGE_SENT", messageId: 24, recipientId: 10 }, 24);
    await settle();
    expect((await nextOrNothing(theirs)).outcome).toEqual({ messageId: 21, sequence: 21 });
    expect((await nextOrNothing(mine)).outcome).toBe("nothing");
    expect((await nextOrNothing(myInvitations)).outcome).toBe("nothing");
  });

  it("drop a subscriber that leaves more than maxQueuedEvents unread, and only that one", async () => {
    const dropped: string[] = [];
    const slow = await live.messagesReceived(1, () => dropped.push("slow"));
    const reading = await live.messagesReceived(1, () => dropped.push("reading"));
    const received: unknown[] = [];
    for (const id of [1, 2, 3, 4]) {
      live.publish({ type: "MESSAGE_SENT", messageId: id, recipientId: 1 }, id);
      await settle();
      received.push((await reading.next()).value);
    }
    expect(dropped).toEqual(["slow"]);
    await expect(slow.next()).rejects.toThrow(
      new SlowConsumerError("More than 3 events were waiting for this subscription"),
    );
    expect(await slow.next()).toEqual({ value: undefined, done: true });
    expect(received).toEqual([
      { messageId: 1, sequence: 1 },
      { messageId: 2, sequence: 2 },
      { messageId: 3, sequence: 3 },
      { messageId: 4, sequence: 4 },
    ]);
    expect(logger.lines.filter((line) => line.level === "warn").map((line) => line.msg)).toEqual([
      "dropped a subscriber that stopped reading",
    ]);
  });

  it("keep up to maxQueuedEvents for a subscriber that reads late", async () => {
    let dropped = 0;
    const late = await live.auditionsRequested(1, () => (dropped += 1));
    for (const id of [1, 2, 3]) live.publish({ type: "AUDITION_REQUESTED", auditionRequestId: id, talentId: 1 }, id);
    await settle();
    const values = [(await late.next()).value, (await late.next()).value, (await late.next()).value];
    expect(values).toEqual([
      { auditionRequestId: 1, sequence: 1 },
      { auditionRequestId: 2, sequence: 2 },
      { auditionRequestId: 3, sequence: 3 },
    ]);
    expect(dropped).toBe(0);
  });

  it("skip a malformed event on the bus (another instance, another version) and deliver the next", async () => {
    const messages = await live.messagesReceived(1);
    live.publish({ type: "MESSAGE_SENT", messageId: 5, recipientId: 1 }, 5);
    await settle();
    expect((await messages.next()).value).toEqual({ messageId: 5, sequence: 5 });
    const topic = recorded.published[0]!.topic;
    for (const payload of [
      { messageId: "6", sequence: 6 },
      { messageId: 6.5, sequence: 6 },
      null,
      [],
      { id: 6, sequence: 6 },
      // From an instance of the version before resume cursors: without a sequence it could have no streamCursor.
      { messageId: 6 },
      { messageId: 6, sequence: 0 },
      { messageId: 6, sequence: "6" },
    ])
      await recorded.inner.publish(topic, payload);
    live.publish({ type: "MESSAGE_SENT", messageId: 7, recipientId: 1 }, 7);
    await settle();
    expect((await messages.next()).value).toEqual({ messageId: 7, sequence: 7 });
    expect(logger.lines.filter((line) => line.level === "warn")).toHaveLength(8);
  });

  it("stop listening on the bus when their subscriber leaves", async () => {
    const before = recorded.listenerCount();
    const messages = await live.messagesReceived(1);
    const invitations = await live.invitationsReceived(1);
    expect(recorded.listenerCount()).toBe(before + 2);
    await messages.return();
    await invitations.return();
    expect(recorded.listenerCount()).toBe(before);
  });
});

describe("the counts feed", () => {
  it("starts with the counts read for that talent at the injected clock's time", async () => {
    const feed = await countsFeed(7, counts(3));
    expect(fake.reads.map(({ talentId, now }) => ({ talentId, now }))).toEqual([{ talentId: 7, now: clock }]);
    await feed.return();
  });

  it("reads again once per burst of changes, at the clock's time then, and sends the latest counts", async () => {
    const feed = await countsFeed(7, counts(0));
    clock = new Date("2031-05-04T10:05:00.000Z");
    live.publish({ type: "COUNTS_CHANGED", talentIds: [7] }, 1);
    await settle();
    expect(fake.reads).toHaveLength(2);
    // Five more changes while that read is under way: exactly one more read, not five.
    for (let i = 0; i < 4; i += 1) live.publish({ type: "COUNTS_CHANGED", talentIds: [7] }, 1);
    live.publish({ type: "COUNTS_CHANGED", talentIds: [7, 7, 8] }, 1);
    await settle();
    expect(fake.reads).toHaveLength(2);
    fake.answer(counts(1));
    await settle();
    expect(fake.reads).toHaveLength(3);
    fake.answer(counts(2));
    await settle();
    expect(fake.reads.map(({ talentId, now }) => ({ talentId, now: now.toISOString() }))).toEqual([
      { talentId: 7, now: "2031-05-04T10:00:00.000Z" },
      { talentId: 7, now: "2031-05-04T10:05:00.000Z" },
      { talentId: 7, now: "2031-05-04T10:05:00.000Z" },
    ]);
    expect((await feed.next()).value).toEqual(counts(2));
    await feed.return();
  });

  it("never reads nor sends for another talent's changes", async () => {
    const feed = await countsFeed(7, counts(0));
    live.publish({ type: "COUNTS_CHANGED", talentIds: [8, 9] }, 1);
    await settle();
    expect(fake.reads).toHaveLength(1);
    expect((await nextOrNothing(feed)).outcome).toBe("nothing");
    await feed.return();
  });

  it("raises newRolesMatched by one for a matching new role without a read, for the matched talent only", async () => {
    const seven = await countsFeed(7, counts(0, 2));
    const eight = await countsFeed(8, counts(0, 5));
    fake.matchRoleTo([7, 99]);
    clock = new Date("2031-05-04T11:00:00.000Z");
    live.publish({ type: "ROLE_ADDED", roleId: 42 }, 1);
    await settle();
    expect(fake.matches).toEqual([{ roleId: 42, candidateIds: [7, 8], now: clock }]);
    expect((await nextOrNothing(seven)).outcome).toEqual(counts(0, 3));
    expect((await nextOrNothing(eight)).outcome).toBe("nothing");
    expect(fake.reads).toHaveLength(2);
    await seven.return();
    await eight.return();
  });

  it("asks nobody about a new role while no talent watches its counts here", async () => {
    live.publish({ type: "ROLE_ADDED", roleId: 42 }, 1);
    await settle();
    const feed = await countsFeed(7, counts(0));
    await feed.return();
    await settle();
    live.publish({ type: "ROLE_ADDED", roleId: 43 }, 1);
    await settle();
    expect(fake.matches).toEqual([]);
  });
});

describe("the casting director's feeds", () => {
  const directorCounts = (unreadReplies: number) => ({ unreadReplies, newApplications: 2, newSelfTapes: 1 });

  /** A live layer whose director counts reads answer at once with `values` in turn, and are counted. */
  async function directorLive(values: number[]) {
    const reads: number[] = [];
    const updates = createLiveUpdates({
      bus: createInProcessEventBus(),
      readers: {
        ...fake.readers,
        async directorCountsOf(directorId: number) {
          reads.push(directorId);
          return directorCounts(values.shift() ?? -1);
        },
      },
      now: () => clock,
      logger,
      maxQueuedEvents: 3,
      replayWindowMs: 60_000,
    });
    await updates.start();
    return { updates, reads };
  }

  it("share one recount per change among a director's subscriptions, and recount for that director's changes only", async () => {
    // Each new subscription reads once (counts read after it joined); the first gets the same values only once.
    const { updates, reads } = await directorLive([1, 1, 2]);
    try {
      const first = await updates.directorCounts(7);
      const second = await updates.directorCounts(7);
      expect((await first.next()).value).toEqual(directorCounts(1));
      expect((await second.next()).value).toEqual(directorCounts(1));
      expect(reads).toEqual([7, 7]);

      // Another director's change, and a talent's change under the same number, are not this director's.
      await updates.publish({ type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [8] }, 1);
      await updates.publish({ type: "COUNTS_CHANGED", talentIds: [7] }, 2);
      await settle();
      expect(reads).toEqual([7, 7]);

      await updates.publish({ type: "DIRECTOR_COUNTS_CHANGED", castingDirectorIds: [7, 7] }, 3);
      await settle();
      expect(reads).toEqual([7, 7, 7]);
      expect((await first.next()).value).toEqual(directorCounts(2));
      expect((await second.next()).value).toEqual(directorCounts(2));
      expect((await nextOrNothing(first)).outcome).toBe("nothing");
      await first.return();
      await second.return();
    } finally {
      await updates.close();
    }
  });

  it("give a director the replies, applications and tapes addressed to them, in order, and no one else's", async () => {
    const replies = await live.repliesReceived(7);
    const applications = await live.applicationsSubmitted(7);
    const tapes = await live.selfTapesSubmitted(7);
    await live.publish({ type: "MESSAGE_SENT", messageId: 1, recipientId: 7 }, 1);
    await live.publish({ type: "APPLICATION_SUBMITTED", applicationId: 2, castingDirectorId: 8 }, 2);
    await live.publish({ type: "APPLICATION_SUBMITTED", applicationId: 3, castingDirectorId: 7 }, 3);
    await live.publish({ type: "SELF_TAPE_SUBMITTED", auditionRequestId: 4, castingDirectorId: 7 }, 4);
    await live.publish({ type: "SELF_TAPE_SUBMITTED", auditionRequestId: 5, castingDirectorId: 8 }, 5);
    await live.publish({ type: "MESSAGE_SENT", messageId: 6, recipientId: 8 }, 6);
    await live.publish({ type: "APPLICATION_SUBMITTED", applicationId: 7, castingDirectorId: 7 }, 7);
    await settle();
    expect((await replies.next()).value).toEqual({ messageId: 1, sequence: 1 });
    expect((await applications.next()).value).toEqual({ applicationId: 3, sequence: 3 });
    expect((await applications.next()).value).toEqual({ applicationId: 7, sequence: 7 });
    expect((await tapes.next()).value).toEqual({ auditionRequestId: 4, sequence: 4 });
    for (const feed of [replies, applications, tapes] as Array<AsyncIterableIterator<unknown>>) {
      expect((await nextOrNothing(feed)).outcome).toBe("nothing");
    }
  });
});
