import { BoundedQueueStream } from "../../src/live/bounded-queue-stream";
import { createInProcessEventBus } from "../../src/live/in-process-event-bus";
import type { EventBusObserver, LiveObserver } from "../../src/live/live-observer";
import { createLiveUpdates, type LiveUpdates } from "../../src/live/live-updates";
import { createMemoryLogger } from "../../src/logger";

/*
 * What the live layer tells its observer (the metrics), without a database:
 * each event published once, each push a subscription takes (with its commit
 * time), and a subscriber dropped with the pushes it never got.
 */

const settle = async () => {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
};

const noReads = () => Promise.reject(new Error("no reads in these tests"));
const readers = {
  countsOf: noReads,
  directorCountsOf: noReads,
  talentsNewlyMatched: async () => [],
  streams: { eventAt: noReads, bounds: noReads, firstSequenceRelayedSince: noReads, eventsAfter: noReads },
};

function recordingObserver() {
  const calls: unknown[][] = [];
  const observer: LiveObserver = {
    published: (...args) => void calls.push(["published", ...args]),
    delivered: (...args) => void calls.push(["delivered", ...args]),
    subscriberDropped: (...args) => void calls.push(["subscriberDropped", ...args]),
    eventsDiscarded: (...args) => void calls.push(["eventsDiscarded", ...args]),
  };
  return { calls, observer };
}

function liveWith(observer: LiveObserver | undefined): LiveUpdates {
  return createLiveUpdates({
    bus: createInProcessEventBus(),
    readers,
    now: () => new Date(),
    logger: createMemoryLogger(),
    maxQueuedEvents: 3,
    replayWindowMs: 60_000,
    observer,
  });
}

let live: LiveUpdates;
let recorded: ReturnType<typeof recordingObserver>;

beforeEach(async () => {
  recorded = recordingObserver();
  live = liveWith(recorded.observer);
  await live.start();
});

afterEach(() => live.close());

describe("the live layer's observer", () => {
  it("hears each event published once, however many topics it fans out to", async () => {
    await live.publish({ type: "COUNTS_CHANGED", talentIds: [1, 2, 3, 2] }, 1);
    await live.publish({ type: "MESSAGE_SENT", messageId: 7, recipientId: 1 }, 2);
    expect(recorded.calls).toEqual([
      ["published", "COUNTS_CHANGED"],
      ["published", "MESSAGE_SENT"],
    ]);
  });

  it("hears a push delivered when the subscription takes it, with the commit time it carries", async () => {
    const messages = await live.messagesReceived(1);
    await live.publish({ type: "MESSAGE_SENT", messageId: 7, recipientId: 1 }, 5, new Date(1_000));
    // From an instance that predates the commit time: delivered, with no delay to measure.
    await live.publish({ type: "MESSAGE_SENT", messageId: 8, recipientId: 1 }, 6);
    await settle();
    expect(recorded.calls.filter(([kind]) => kind === "delivered")).toEqual([]);
    expect((await messages.next()).value).toEqual({ messageId: 7, sequence: 5, committedAt: 1_000 });
    expect((await messages.next()).value).toEqual({ messageId: 8, sequence: 6 });
    expect(recorded.calls.filter(([kind]) => kind === "delivered")).toEqual([
      ["delivered", "messageReceived", 1_000],
      ["delivered", "messageReceived", null],
    ]);
    await messages.return();
  });

  it("names the field a push went to: a casting director's replies are replyReceived", async () => {
    const replies = await live.repliesReceived(9);
    await live.publish({ type: "MESSAGE_SENT", messageId: 3, recipientId: 9 }, 1, new Date(2_000));
    await firstThenLeave(replies);
    expect(recorded.calls.filter(([kind]) => kind === "delivered")).toEqual([["delivered", "replyReceived", 2_000]]);
  });

  it("hears a subscriber dropped once, and every push thrown away with it until it is left", async () => {
    let droppedConnection = 0;
    const feed = await live.messagesReceived(1, () => (droppedConnection += 1));
    const send = async (messageId: number) => {
      await live.publish({ type: "MESSAGE_SENT", messageId, recipientId: 1 }, messageId, new Date());
      await settle();
    };
    // Three fit the queue; the fourth overflows it: the three and itself are thrown away.
    for (const id of [1, 2, 3, 4]) await send(id);
    expect(recorded.calls.filter(([kind]) => kind !== "published")).toEqual([
      ["eventsDiscarded", "messageReceived", 4],
      ["subscriberDropped", "messageReceived"],
    ]);
    // Until the subscription is left, what still arrives is thrown away too, one by one.
    await send(5);
    await expect(feed.next()).rejects.toThrow("More than 3 events were waiting for this subscription");
    await send(6);
    expect(recorded.calls.filter(([kind]) => kind !== "published")).toEqual([
      ["eventsDiscarded", "messageReceived", 4],
      ["subscriberDropped", "messageReceived"],
      ["eventsDiscarded", "messageReceived", 1],
    ]);
    expect(droppedConnection).toBe(1);
  });

  it("is optional: without one, the feeds are the live layer's own streams, not wrapped", async () => {
    const unobserved = liveWith(undefined);
    await unobserved.start();
    expect(await unobserved.messagesReceived(1)).toBeInstanceOf(BoundedQueueStream);
    await unobserved.close();
  });
});

describe("the in-process bus's observer", () => {
  it("hears both connections up while the bus runs, and down once it is closed", async () => {
    const calls: unknown[][] = [];
    const observer: EventBusObserver = {
      connectionChanged: (...args) => void calls.push(["connectionChanged", ...args]),
      reconnected: (...args) => void calls.push(["reconnected", ...args]),
    };
    const bus = createInProcessEventBus(observer);
    expect(calls).toEqual([
      ["connectionChanged", "publisher", true],
      ["connectionChanged", "subscriber", true],
    ]);
    await bus.close();
    expect(calls.slice(2)).toEqual([
      ["connectionChanged", "publisher", false],
      ["connectionChanged", "subscriber", false],
    ]);
  });
});

async function firstThenLeave<T>(feed: AsyncIterableIterator<T>): Promise<T> {
  const { value } = await feed.next();
  await feed.return?.();
  return value as T;
}
