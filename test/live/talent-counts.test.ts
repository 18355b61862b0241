import { TalentCounts } from "../../src/live/talent-counts";
import type { AtAGlanceCounts } from "../../src/domain/dashboard-summary";

const counts = (newRolesMatched: number, newMessages = 0): AtAGlanceCounts => ({
  newMessages,
  newInvitations: 0,
  auditionRequests: 0,
  draftApplications: 0,
  newRolesMatched,
});

/**
 * A source whose reads return `values` in order (then wait to be released),
 * with a fake bus: `change()` is a countsChanged event, `listening` tells
 * whether the source is subscribed.
 */
function sourceReading(values: Array<AtAGlanceCounts | Error>, options: { listenFails?: boolean } = {}) {
  const reads: number[] = [];
  const pending: Array<(value: AtAGlanceCounts) => void> = [];
  let onChange: (() => void) | null = null;
  let ended = 0;
  const source = new TalentCounts({
    async readCounts() {
      reads.push(reads.length);
      const next = values.shift();
      if (next instanceof Error) throw next;
      if (next) return next;
      return new Promise<AtAGlanceCounts>((resolve) => pending.push(resolve));
    },
    async listen(listener) {
      if (options.listenFails) throw new Error("Redis is down");
      onChange = listener;
      return () => (onChange = null);
    },
    onReadFailure: () => undefined,
    onEnd: () => (ended += 1),
  });
  return {
    source,
    reads,
    change: () => onChange?.(),
    listening: () => onChange !== null,
    ended: () => ended,
    release: (value: AtAGlanceCounts) => pending.shift()!(value),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("a talent's shared counts", () => {
  it("raises newRolesMatched by one for a matching new role without reading the database", async () => {
    const { source, reads } = sourceReading([counts(2)]);
    const stream = await source.join();
    expect(await stream.next()).toEqual({ value: counts(2), done: false });
    source.newRoleMatched();
    expect(await stream.next()).toEqual({ value: counts(3), done: false });
    expect(reads).toHaveLength(1);
  });

  it("reads again instead of adding when a read is under way, whose result may predate the role", async () => {
    const { source, reads, release } = sourceReading([counts(1)]);
    const stream = await source.join();
    await stream.next();
    const reading = source.recount();
    source.newRoleMatched();
    release(counts(1, 4));
    await settle();
    release(counts(2, 4));
    await reading;
    expect(reads).toHaveLength(3);
    expect(await stream.next()).toEqual({ value: counts(2, 4), done: false });
  });

  it("sends 'unavailable' once when a read fails, then the counts again when reading works", async () => {
    const { source } = sourceReading([counts(1), new Error("database down"), new Error("still down"), counts(1)]);
    const stream = await source.join();
    expect((await stream.next()).value).toEqual(counts(1));
    await source.recount();
    expect((await stream.next()).value).toEqual({ unavailable: true });
    await source.recount();
    await source.recount();
    expect((await stream.next()).value).toEqual(counts(1));
  });

  it("reads once per change for all its subscribers, and each gets the new counts", async () => {
    const { source, reads, change } = sourceReading([counts(0), counts(0), counts(0), counts(0, 1)]);
    const streams = await Promise.all([source.join(), source.join(), source.join()]);
    // Three joins at once: one read under way, and one more for those who joined during it.
    expect(reads).toHaveLength(2);
    for (const stream of streams) expect((await stream.next()).value).toEqual(counts(0));
    change();
    await source.recount();
    expect(reads).toHaveLength(4);
    for (const stream of streams) expect((await stream.next()).value).toEqual(counts(0, 1));
  });

  it("never gives a subscriber the result of a read that started before it joined", async () => {
    const { source, reads, release } = sourceReading([counts(0)]);
    const early = await source.join();
    await early.next();
    const reading = source.recount();
    const joining = source.join();
    await settle();
    release(counts(0, 1));
    await settle();
    let lateStream: Awaited<typeof joining> | null = null;
    void joining.then((stream) => (lateStream = stream));
    await settle();
    // The early subscriber already has the first read's result; the late one waits for its own read.
    expect(lateStream).toBeNull();
    expect((await early.next()).value).toEqual(counts(0, 1));
    release(counts(0, 2));
    await reading;
    const late = await joining;
    expect(reads).toHaveLength(3);
    expect((await late.next()).value).toEqual(counts(0, 2));
    expect((await early.next()).value).toEqual(counts(0, 2));
  });

  it("keeps delivering to others while one subscriber does not read, which then gets only the latest", async () => {
    const { source } = sourceReading([counts(0), counts(0), counts(0, 1), counts(0, 2)]);
    const slow = await source.join();
    const fast = await source.join();
    await slow.next();
    await fast.next();
    for (const expected of [1, 2]) {
      await source.recount();
      expect((await fast.next()).value).toEqual(counts(0, expected));
    }
    expect((await slow.next()).value).toEqual(counts(0, 2));
  });

  it("stops listening when its last subscriber leaves, and not before", async () => {
    const { source, listening, ended } = sourceReading([counts(0), counts(0)]);
    const first = await source.join();
    const second = await source.join();
    await first.return();
    expect(listening()).toBe(true);
    expect(ended()).toBe(0);
    await second.return();
    await settle();
    expect(listening()).toBe(false);
    expect(ended()).toBe(1);
  });

  it("fails every join when it cannot listen, and ends so that the next subscription tries again", async () => {
    const { source, reads, ended } = sourceReading([counts(0)], { listenFails: true });
    await expect(source.join()).rejects.toThrow("Redis is down");
    expect(reads).toHaveLength(0);
    expect(ended()).toBe(1);
  });
});
