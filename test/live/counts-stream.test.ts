import { CountsStream } from "../../src/live/counts-stream";
import type { AtAGlanceCounts } from "../../src/queries/dashboard-summary.query";

const counts = (newRolesMatched: number, newMessages = 0): AtAGlanceCounts => ({
  newMessages,
  newInvitations: 0,
  auditionRequests: 0,
  draftApplications: 0,
  newRolesMatched,
});

function streamReading(values: Array<AtAGlanceCounts | Error>) {
  const reads: number[] = [];
  let pending: Array<(value: AtAGlanceCounts) => void> = [];
  const stream = new CountsStream(
    async () => {
      reads.push(reads.length);
      const next = values.shift();
      if (next instanceof Error) throw next;
      if (next) return next;
      return new Promise<AtAGlanceCounts>((resolve) => pending.push(resolve));
    },
    () => undefined,
    () => undefined,
  );
  return {
    stream,
    reads,
    release: (value: AtAGlanceCounts) => pending.shift()!(value),
    pendingReads: () => pending.length,
  };
}

describe("a counts stream", () => {
  it("raises newRolesMatched by one for a matching new role without reading the database", async () => {
    const { stream, reads } = streamReading([counts(2)]);
    await stream.recount();
    expect(await stream.stream.next()).toEqual({ value: counts(2), done: false });
    stream.newRoleMatched();
    expect(await stream.stream.next()).toEqual({ value: counts(3), done: false });
    expect(reads).toHaveLength(1);
  });

  it("reads again instead of adding when a read is under way, whose result may predate the role", async () => {
    const { stream, reads, release } = streamReading([counts(1)]);
    await stream.recount();
    await stream.stream.next();
    const reading = stream.recount();
    stream.newRoleMatched();
    release(counts(1, 4));
    await new Promise((resolve) => setImmediate(resolve));
    release(counts(2, 4));
    await reading;
    expect(reads).toHaveLength(3);
    expect(await stream.stream.next()).toEqual({ value: counts(2, 4), done: false });
  });

  it("sends 'unavailable' once when a read fails, then the counts again when reading works", async () => {
    const { stream } = streamReading([counts(1), new Error("database down"), new Error("still down"), counts(1)]);
    await stream.recount();
    expect((await stream.stream.next()).value).toEqual(counts(1));
    await stream.recount();
    expect((await stream.stream.next()).value).toEqual({ unavailable: true });
    await stream.recount();
    await stream.recount();
    expect((await stream.stream.next()).value).toEqual(counts(1));
  });
});
