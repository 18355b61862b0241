import type { DataSource } from "typeorm";
import { openDatabase } from "../../src/db/data-source";
import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import type { DomainEvent } from "../../src/live/domain-events";
import { createMemoryLogger } from "../../src/logger";
import { appendToOutbox } from "../../src/outbox/append-to-outbox";
import { startOutboxRelay, type OutboxRelayOptions } from "../../src/outbox/outbox-relay";
import { relayBatch, type RelayPublisher } from "../../src/outbox/relay-batch";
import { countUnrelayedEvents } from "../../src/outbox/relay-backlog";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

/*
 * The relay alone, on a real database (each engine), publishing to a recorder
 * instead of the live layer: what goes out, in which order, with which
 * sequence numbers, exactly once, and what stays behind when publishing fails.
 */

let database: TestDatabase;
let db: DataSource;

beforeEach(async () => {
  database = await createTestDatabase();
  db = database.dataSource;
});

afterEach(async () => {
  await database.drop();
});

interface Published {
  event: DomainEvent;
  relaySequence: number;
}

function recorder(): { published: Published[]; publish: RelayPublisher } {
  const published: Published[] = [];
  return { published, publish: async (event, relaySequence) => void published.push({ event, relaySequence }) };
}

const message = (messageId: number): DomainEvent => ({ type: "MESSAGE_SENT", messageId, recipientId: 7 });

/** Commits one transaction per list of events, in order. */
async function commit(...transactions: DomainEvent[][]): Promise<void> {
  for (const events of transactions) await transaction(db, (manager) => appendToOutbox(manager, events, new Date()));
}

async function outboxRows(): Promise<Array<{ id: number; relaySequence: number | null; relayed: boolean }>> {
  const rows: Array<{ id: unknown; relaySequence: unknown; relayedAt: unknown }> = await db.query(
    "SELECT id, relaySequence, relayedAt FROM outbox_events ORDER BY id",
  );
  return rows.map((row) => ({
    id: Number(row.id),
    relaySequence: row.relaySequence === null ? null : Number(row.relaySequence),
    relayed: row.relayedAt !== null,
  }));
}

const batchOptions = { batchSize: 100, publishTimeoutMs: 2_000, now: () => new Date() };

function relayOptions(publish: RelayPublisher, extra: Partial<OutboxRelayOptions> = {}): OutboxRelayOptions {
  return { db, publish, pollIntervalMs: 60_000, logger: createMemoryLogger(), acceptNudges: false, ...extra };
}

describe(`the outbox relay on ${testEngine}`, () => {
  it("publishes committed events in id order with sequence numbers 1, 2, 3… and marks each relayed", async () => {
    await commit([message(1), message(2)], [message(3)]);
    const { published, publish } = recorder();
    const outcome = await relayBatch(db, publish, batchOptions);

    expect(outcome).toEqual({ taken: 3, relayed: 3, malformedIds: [], failure: null });
    expect(published).toEqual([
      { event: message(1), relaySequence: 1 },
      { event: message(2), relaySequence: 2 },
      { event: message(3), relaySequence: 3 },
    ]);
    expect((await outboxRows()).map((row) => [row.relaySequence, row.relayed])).toEqual([
      [1, true],
      [2, true],
      [3, true],
    ]);
    expect(await relayBatch(db, publish, batchOptions)).toMatchObject({ taken: 0, relayed: 0 });
    expect(published).toHaveLength(3);
  });

  it("hands each event the time its transaction wrote it (the row's createdAt), to the millisecond", async () => {
    const writtenAt = [new Date("2031-05-04T10:00:00.123Z"), new Date("2031-05-04T10:00:01.456Z")];
    for (const [index, at] of writtenAt.entries()) {
      await transaction(db, (manager) => appendToOutbox(manager, [message(index + 1)], at));
    }
    const committedAt: Date[] = [];
    await relayBatch(db, async (_event, _sequence, at) => void committedAt.push(at), batchOptions);
    expect(committedAt.map((at) => at.toISOString())).toEqual(writtenAt.map((at) => at.toISOString()));
  });

  it("counts the events committed and not yet relayed: the backlog", async () => {
    expect(await countUnrelayedEvents(db)).toBe(0);
    await commit([message(1), message(2)], [message(3)]);
    expect(await countUnrelayedEvents(db)).toBe(3);
    await relayBatch(db, recorder().publish, { ...batchOptions, batchSize: 2 });
    expect(await countUnrelayedEvents(db)).toBe(1);
    await relayBatch(db, recorder().publish, batchOptions);
    expect(await countUnrelayedEvents(db)).toBe(0);
  });

  it("never relays an event whose transaction rolled back after writing it", async () => {
    const failed = transaction(db, async (manager) => {
      await appendToOutbox(manager, [message(10)], new Date());
      throw new Error("the rest of the mutation failed");
    });
    await expect(failed).rejects.toThrow("the rest of the mutation failed");
    await commit([message(11)]);
    const { published, publish } = recorder();
    await relayBatch(db, publish, batchOptions);
    expect(published).toEqual([{ event: message(11), relaySequence: 1 }]);
    expect(await outboxRows()).toHaveLength(1);
  });

  it("keeps counting sequence numbers after every relayed row has been pruned", async () => {
    await commit([message(1)]);
    await relayBatch(db, recorder().publish, batchOptions);
    await db.query("DELETE FROM outbox_events");
    await commit([message(2)]);
    const { published, publish } = recorder();
    await relayBatch(db, publish, batchOptions);
    expect(published).toEqual([{ event: message(2), relaySequence: 2 }]);
  });

  it("when a publish fails, commits the prefix that went out and leaves the rest, in order, for the next attempt", async () => {
    await commit([message(1), message(2), message(3)]);
    const published: Published[] = [];
    let busDown = true;
    const publish: RelayPublisher = async (event, relaySequence) => {
      if (busDown && event.type === "MESSAGE_SENT" && event.messageId === 2) throw new Error("Redis is away");
      published.push({ event, relaySequence });
    };

    const first = await relayBatch(db, publish, batchOptions);
    expect(first).toMatchObject({ taken: 3, relayed: 1, failure: new Error("Redis is away") });
    expect((await outboxRows()).map((row) => row.relaySequence)).toEqual([1, null, null]);

    busDown = false;
    await relayBatch(db, publish, batchOptions);
    expect(published.map((entry) => entry.event)).toEqual([message(1), message(3), message(2), message(3)]);
    // Event 3 went out once in the failed batch (after 2 failed) and once again, in order, after 2.
    expect((await outboxRows()).map((row) => row.relaySequence)).toEqual([1, 2, 3]);
  });

  it("counts a publish that hangs past the timeout as failed, leaving its event in the outbox", async () => {
    await commit([message(1)]);
    const hanging: RelayPublisher = () => new Promise(() => undefined);
    const outcome = await relayBatch(db, hanging, { ...batchOptions, publishTimeoutMs: 50 });
    expect(outcome).toMatchObject({ taken: 1, relayed: 0 });
    expect(String(outcome.failure)).toContain("publishing took longer than 50 ms");
    expect((await outboxRows())[0]).toMatchObject({ relaySequence: null, relayed: false });
  });

  it("passes over a row that holds no event instead of retrying it for ever", async () => {
    await runSql(db, "INSERT INTO outbox_events (type, payload, createdAt) VALUES ('MESSAGE_SENT', 'not json', :now)", {
      now: new Date(),
    });
    await commit([message(2)]);
    const { published, publish } = recorder();
    const outcome = await relayBatch(db, publish, batchOptions);
    expect(outcome).toMatchObject({ taken: 2, relayed: 2, malformedIds: [(await outboxRows())[0]!.id] });
    expect(published).toEqual([{ event: message(2), relaySequence: 2 }]);
  });

  it("relays a backlog larger than one batch, batch after batch, on one pass", async () => {
    await commit(Array.from({ length: 25 }, (_, index) => message(index + 1)));
    const { published, publish } = recorder();
    const relay = await startOutboxRelay(relayOptions(publish, { batchSize: 10 }));
    expect(published.map((entry) => entry.relaySequence)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    await relay.stop();
  });

  it("finds events nobody nudged it about with its timer, within the poll interval", async () => {
    const { published, publish } = recorder();
    const relay = await startOutboxRelay(relayOptions(publish, { pollIntervalMs: 100 }));
    await commit([message(1)]);
    relay.nudge(); // ignored: acceptNudges is false, as on an instance that did not write it
    const committedAt = Date.now();
    while (published.length === 0 && Date.now() - committedAt < 2_000) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(published).toEqual([{ event: message(1), relaySequence: 1 }]);
    expect(Date.now() - committedAt).toBeLessThan(100 + 150);
    await relay.stop();
  });

  it("relays what is pending when it stops", async () => {
    const { published, publish } = recorder();
    const relay = await startOutboxRelay(relayOptions(publish));
    await commit([message(1)], [message(2)]);
    await relay.stop();
    expect(published.map((entry) => entry.relaySequence)).toEqual([1, 2]);
  });

  it("retries within a second after publishing failed, without waiting for its poll", async () => {
    let failures = 1;
    const { published, publish: record } = recorder();
    const publish: RelayPublisher = async (event, sequence, committedAt) => {
      if (failures > 0) {
        failures -= 1;
        throw new Error("Redis is away");
      }
      await record(event, sequence, committedAt);
    };
    const logger = createMemoryLogger();
    const relay = await startOutboxRelay(relayOptions(publish, { acceptNudges: true, logger }));
    await commit([message(1)]);
    relay.nudge();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    expect(published).toEqual([{ event: message(1), relaySequence: 1 }]);
    expect(logger.lines.map((line) => line.level)).toEqual(["warn", "info"]);
    await relay.stop();
  });
});

describe(`two relays racing on ${testEngine}`, () => {
  it("relay each event exactly once, with sequence numbers rising in the order they were published", async () => {
    // A second data source is a second instance: its own pool (on SQLite, the same single writer).
    const other = testEngine === "mysql" ? await openDatabase(database.config) : db;
    try {
      const published: Array<Published & { relay: string }> = [];
      const publisher =
        (relay: string): RelayPublisher =>
        async (event, relaySequence) => {
          published.push({ event, relaySequence, relay });
          // Let the other relay run meanwhile: a publish is a round trip to Redis.
          await new Promise((resolve) => setImmediate(resolve));
        };
      const events = 300;
      const writers = (async () => {
        for (let i = 1; i <= events; i += 3) await commit([message(i), message(i + 1), message(i + 2)]);
      })();
      const race = async (source: DataSource, name: string) => {
        const options = { ...batchOptions, batchSize: 7 };
        let idle = 0;
        while (idle < 3) {
          const outcome = await relayBatch(source, publisher(name), options);
          idle = outcome.taken === 0 ? idle + 1 : 0;
          if (outcome.taken === 0) await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await Promise.all([writers, race(db, "first"), race(other, "second")]);
      await race(db, "first");

      const ids = published.map((entry) => (entry.event as { messageId: number }).messageId);
      expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
      expect(published.map((entry) => entry.relaySequence)).toEqual(Array.from({ length: events }, (_, i) => i + 1));
      // Committed one after another, so id order is commit order: the sequence follows it.
      expect(ids).toEqual(Array.from({ length: events }, (_, i) => i + 1));
      if (testEngine === "mysql") expect(new Set(published.map((entry) => entry.relay)).size).toBe(2);
      expect((await outboxRows()).every((row) => row.relayed)).toBe(true);
    } finally {
      if (other !== db) await other.destroy();
    }
  });
});
