import type { DomainEvent } from "../../src/live/domain-events";
import { createInProcessEventBus } from "../../src/live/in-process-event-bus";
import type { Feed, MessageReceived } from "../../src/live/live-feeds";
import type { ReplayedEvent, StreamBounds, StreamReaders } from "../../src/live/live-readers";
import { createLiveUpdates, type LiveUpdates } from "../../src/live/live-updates";
import { createMemoryLogger } from "../../src/logger";
import { StreamResumeRefusedError } from "../../src/errors";

/*
 * The live layer's resumed item feeds alone, on the in-process bus, with an
 * in-memory outbox for readers: which pages are read when, what is replayed,
 * which live pushes are dropped as duplicates, and which positions are
 * refused. The SQL behind the readers runs in test/live/resume-cursors.test.ts.
 */

const NOW = new Date("2031-05-04T10:00:00.000Z");
const WINDOW_MS = 3_600_000;

const settle = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

interface Row extends ReplayedEvent {
  audienceId: number;
  relayedAt: Date;
}

function fakeOutbox() {
  const rows: Row[] = [];
  const pageReads: Array<{ after: number; through: number; limit: number }> = [];
  let bounds: StreamBounds = { lastRelaySequence: 0, prunedThroughSequence: 0 };
  /** Runs while the bounds are read: a push that lands after listening began, before the counter is read. */
  let duringBoundsRead: () => Promise<void> = async () => undefined;
  let readFailure: Error | null = null;
  const streams: StreamReaders = {
    async eventAt(sequence) {
      const row = rows.find((candidate) => candidate.sequence === sequence);
      return row ? { audienceId: row.audienceId, event: row.event } : null;
    },
    async bounds() {
      await duringBoundsRead();
      return bounds;
    },
    async firstSequenceRelayedSince(audienceId, type, since) {
      const row = rows.find(
        (candidate) =>
          candidate.audienceId === audienceId && candidate.event?.type === type && candidate.relayedAt >= since,
      );
      return row?.sequence ?? null;
    },
    async eventsAfter(audienceId, type, range, limit) {
      pageReads.push({ ...range, limit });
      if (readFailure) throw readFailure;
      return rows
        .filter(
          (row) =>
            row.audienceId === audienceId &&
            row.event?.type === type &&
            row.sequence > range.after &&
            row.sequence <= range.through,
        )
        .slice(0, limit)
        .map(({ sequence, event }) => ({ sequence, event }));
    },
  };
  return {
    rows,
    pageReads,
    streams,
    setBounds: (value: StreamBounds) => (bounds = value),
    onBoundsRead: (hook: () => Promise<void>) => (duringBoundsRead = hook),
    failReadsWith: (error: Error) => (readFailure = error),
    /** A relayed MESSAGE_SENT row for talent 1 (or `audienceId`), id = sequence unless given. */
    message(sequence: number, options: { id?: number; audienceId?: number; relayedAt?: Date } = {}) {
      const audienceId = options.audienceId ?? 1;
      const event: DomainEvent = { type: "MESSAGE_SENT", messageId: options.id ?? sequence, recipientId: audienceId };
      rows.push({ sequence, event, audienceId, relayedAt: options.relayedAt ?? NOW });
    },
  };
}

let outbox: ReturnType<typeof fakeOutbox>;
let live: LiveUpdates;
/** Listeners on the bus beyond the new-role broadcast's, which start() adds. */
let listening: () => number;

beforeEach(async () => {
  outbox = fakeOutbox();
  const bus = createInProcessEventBus();
  let listeners = 0;
  listening = () => listeners - 1;
  live = createLiveUpdates({
    bus: {
      publish: (topic, payload) => bus.publish(topic, payload),
      async subscribe(topic, listener) {
        const unsubscribe = await bus.subscribe(topic, listener);
        listeners += 1;
        return () => {
          listeners -= 1;
          unsubscribe();
        };
      },
      close: () => bus.close(),
    },
    readers: {
      countsOf: () => Promise.reject(new Error("no counts in these tests")),
      directorCountsOf: () => Promise.reject(new Error("no counts in these tests")),
      talentsNewlyMatched: () => Promise.resolve([]),
      streams: outbox.streams,
    },
    now: () => NOW,
    logger: createMemoryLogger(),
    maxQueuedEvents: 10,
    replayWindowMs: WINDOW_MS,
  });
  await live.start();
});

afterEach(() => live.close());

const sendMessage = (id: number, sequence: number) =>
  live.publish({ type: "MESSAGE_SENT", messageId: id, recipientId: 1 }, sequence);

async function take(feed: Feed<MessageReceived>, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await feed.next()).value!.messageId);
  return ids;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe("a resumed item feed", () => {
  it("replays the talent's items after the cursor in pages of 100, each read only as the consumer gets to it, then goes live", async () => {
    for (const sequence of range(1, 250)) outbox.message(sequence);
    outbox.message(251, { audienceId: 2 });
    outbox.setBounds({ lastRelaySequence: 251, prunedThroughSequence: 0 });
    const feed = await live.messagesReceived(1, null, { kind: "sequence", sequence: 3, issuedAt: NOW, itemId: 3 });
    expect(outbox.pageReads).toEqual([]);
    expect(await take(feed, 100)).toEqual(range(4, 103));
    expect(outbox.pageReads).toEqual([{ after: 3, through: 251, limit: 100 }]);
    expect(await take(feed, 1)).toEqual([104]);
    expect(outbox.pageReads.at(-1)).toEqual({ after: 103, through: 251, limit: 100 });
    expect(await take(feed, 146)).toEqual(range(105, 250));
    expect(outbox.pageReads.map((read) => read.after)).toEqual([3, 103, 203]);
    await sendMessage(252, 252);
    expect(await take(feed, 1)).toEqual([252]);
    await feed.return();
    expect(listening()).toBe(0);
  });

  it("drops the live pushes the replay covered and an item republished under a new sequence, and keeps what follows", async () => {
    for (const sequence of range(1, 5)) outbox.message(sequence);
    outbox.setBounds({ lastRelaySequence: 5, prunedThroughSequence: 0 });
    // Published after the feed listened, before the counter was read: in the live queue and in the replay.
    outbox.onBoundsRead(() => sendMessage(5, 5));
    const feed = await live.messagesReceived(1, null, { kind: "sequence", sequence: 2, issuedAt: NOW, itemId: 2 });
    await sendMessage(6, 6);
    // A relay that crashed after publishing 6 and before marking it: the next relay publishes it again, later.
    await sendMessage(6, 8);
    await sendMessage(7, 9);
    await settle();
    expect(await take(feed, 5)).toEqual([3, 4, 5, 6, 7]);
    const nothing = await Promise.race([feed.next().then(() => "something"), settle().then(() => "nothing")]);
    expect(nothing).toBe("nothing");
    await feed.return();
  });

  it("resumes from the moment a cursor was issued when its sequence now names another event", async () => {
    // Message 99 was pushed under sequence 3 by a relay that died before committing; the next relay gave 3 to
    // message 3 (committed meanwhile, with a lower id) and republished 99 as 5.
    outbox.message(1, { relayedAt: new Date(NOW.getTime() - 60_000) });
    outbox.message(2, { relayedAt: new Date(NOW.getTime() - 60_000) });
    outbox.message(3, { relayedAt: new Date(NOW.getTime() - 1_000) });
    outbox.message(4, { relayedAt: NOW });
    outbox.message(5, { id: 99, relayedAt: NOW });
    outbox.setBounds({ lastRelaySequence: 5, prunedThroughSequence: 0 });
    const feed = await live.messagesReceived(1, null, {
      kind: "sequence",
      sequence: 3,
      issuedAt: new Date(NOW.getTime() - 2_000),
      itemId: 99,
    });
    // Message 3 is not lost; 99 comes again (the client dedupes by id), nothing before the margin does.
    expect(await take(feed, 3)).toEqual([3, 4, 99]);
    expect(outbox.pageReads).toEqual([{ after: 2, through: 5, limit: 100 }]);
    await feed.return();
  });

  it("resumes right after a cursor whose sequence still names its item", async () => {
    outbox.message(1, { relayedAt: new Date(NOW.getTime() - 60_000) });
    outbox.message(2, { relayedAt: NOW });
    outbox.message(3, { relayedAt: NOW });
    outbox.setBounds({ lastRelaySequence: 3, prunedThroughSequence: 0 });
    const feed = await live.messagesReceived(1, null, { kind: "sequence", sequence: 2, issuedAt: NOW, itemId: 2 });
    expect(await take(feed, 1)).toEqual([3]);
    expect(outbox.pageReads).toEqual([{ after: 2, through: 3, limit: 100 }]);
    await feed.return();
  });

  it("from a time cursor, replays from the first item relayed since the read minus the clock margin", async () => {
    outbox.message(1, { relayedAt: new Date(NOW.getTime() - 60_000) });
    outbox.message(2, { relayedAt: new Date(NOW.getTime() - 30_000 - 5_001) });
    outbox.message(3, { relayedAt: new Date(NOW.getTime() - 30_000 - 5_000) });
    outbox.message(4, { relayedAt: NOW });
    outbox.setBounds({ lastRelaySequence: 4, prunedThroughSequence: 0 });
    const feed = await live.messagesReceived(1, null, { kind: "time", readAt: new Date(NOW.getTime() - 30_000) });
    expect(await take(feed, 2)).toEqual([3, 4]);
    expect(outbox.pageReads).toEqual([{ after: 2, through: 4, limit: 100 }]);
    await feed.return();
  });

  it("from a time cursor with nothing relayed since, replays nothing and goes live after the counter", async () => {
    outbox.message(1, { relayedAt: new Date(NOW.getTime() - 60_000) });
    outbox.setBounds({ lastRelaySequence: 9, prunedThroughSequence: 0 });
    const feed = await live.messagesReceived(1, null, { kind: "time", readAt: new Date(NOW.getTime() - 1_000) });
    await sendMessage(9, 9);
    await sendMessage(10, 10);
    expect(await take(feed, 1)).toEqual([10]);
    expect(outbox.pageReads).toEqual([]);
    await feed.return();
  });

  it.each([
    [
      "a sequence cursor older than the window",
      { kind: "sequence", sequence: 5, issuedAt: new Date(NOW.getTime() - WINDOW_MS - 1), itemId: 5 },
    ],
    ["a time cursor older than the window", { kind: "time", readAt: new Date(NOW.getTime() - WINDOW_MS - 1) }],
    ["a time cursor from the future", { kind: "time", readAt: new Date(NOW.getTime() + 5_001) }],
    ["a sequence beyond the relay counter", { kind: "sequence", sequence: 21, issuedAt: NOW, itemId: 21 }],
    ["a sequence below what pruning kept", { kind: "sequence", sequence: 9, issuedAt: NOW, itemId: 9 }],
    [
      "a time cursor whose replay would start below what pruning kept",
      { kind: "time", readAt: new Date(NOW.getTime() - 1_000) },
    ],
  ] as const)("refuses %s, and stops listening", async (_case, position) => {
    outbox.message(10, { relayedAt: NOW });
    outbox.setBounds({ lastRelaySequence: 20, prunedThroughSequence: 10 });
    await expect(live.messagesReceived(1, null, position)).rejects.toThrow(
      new StreamResumeRefusedError("messageReceived"),
    );
    expect(listening()).toBe(0);
  });

  it("fails when the outbox cannot be read mid-replay, and stops listening", async () => {
    outbox.message(1);
    outbox.message(2);
    outbox.setBounds({ lastRelaySequence: 2, prunedThroughSequence: 0 });
    const failure = new Error("the database went away");
    outbox.failReadsWith(failure);
    const feed = await live.messagesReceived(1, null, { kind: "sequence", sequence: 1, issuedAt: NOW, itemId: 1 });
    expect(listening()).toBe(1);
    await expect(feed.next()).rejects.toBe(failure);
    expect(listening()).toBe(0);
    expect(await feed.next()).toEqual({ value: undefined, done: true });
  });

  it("accepts the oldest positions that are still whole: at the window's edge, and at the pruning mark", async () => {
    outbox.message(11);
    outbox.setBounds({ lastRelaySequence: 11, prunedThroughSequence: 10 });
    const edge = new Date(NOW.getTime() - WINDOW_MS);
    const feed = await live.messagesReceived(1, null, { kind: "sequence", sequence: 10, issuedAt: edge, itemId: 10 });
    expect(await take(feed, 1)).toEqual([11]);
    await feed.return();
  });
});
