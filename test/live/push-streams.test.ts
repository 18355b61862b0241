import { BoundedQueueStream, SlowConsumerError } from "../../src/live/bounded-queue-stream";
import { LatestValueStream } from "../../src/live/latest-value-stream";

describe("a bounded queue stream", () => {
  it("delivers pushed items in order, to a waiting consumer or from its queue", async () => {
    const stream = new BoundedQueueStream<number>(3, () => undefined);
    const waiting = stream.next();
    stream.push(1);
    stream.push(2);
    stream.push(3);
    expect(await waiting).toEqual({ value: 1, done: false });
    expect(await stream.next()).toEqual({ value: 2, done: false });
    expect(await stream.next()).toEqual({ value: 3, done: false });
  });

  it("fails and calls onOverflow once more than its capacity waits unread, then releases its source", async () => {
    const calls: string[] = [];
    const stream = new BoundedQueueStream<number>(
      2,
      () => calls.push("closed"),
      () => calls.push("overflow"),
    );
    for (let i = 0; i < 5; i += 1) stream.push(i);
    expect(calls).toEqual(["overflow"]);
    const failure = await stream.next().then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(SlowConsumerError);
    expect(calls).toEqual(["overflow", "closed"]);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it("ends a waiting consumer and releases its source once when returned", async () => {
    let closed = 0;
    const stream = new BoundedQueueStream<number>(2, () => (closed += 1));
    const waiting = stream.next();
    await stream.return();
    await stream.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(closed).toBe(1);
  });
});

describe("a latest-value stream", () => {
  it("keeps only the latest value for a slow consumer and never repeats the last one delivered", async () => {
    const stream = new LatestValueStream<number>(
      (a, b) => a === b,
      () => undefined,
    );
    stream.offer(1);
    expect(await stream.next()).toEqual({ value: 1, done: false });
    stream.offer(2);
    stream.offer(3);
    expect(await stream.next()).toEqual({ value: 3, done: false });
    stream.offer(4);
    stream.offer(3);
    const waiting = stream.next();
    stream.offer(3);
    stream.offer(5);
    expect(await waiting).toEqual({ value: 5, done: false });
  });
});
