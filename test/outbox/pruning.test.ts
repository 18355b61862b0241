import { runSql } from "../../src/db/sql/run-sql";
import { transaction } from "../../src/db/transaction";
import { appendToOutbox } from "../../src/outbox/append-to-outbox";
import { pruneRelayedEvents } from "../../src/outbox/prune-relayed-events";
import { createTestDatabase, testEngine, type TestDatabase } from "../support/test-database";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

const HOUR = 3600 * 1000;

/** One outbox row per entry: written `ageHours` ago, and relayed `relayedHoursAgo` ago (or never). */
async function rowsAged(entries: Array<{ messageId: number; ageHours: number; relayedHoursAgo: number | null }>) {
  for (const [index, entry] of entries.entries()) {
    const written = new Date(Date.now() - entry.ageHours * HOUR);
    await transaction(database.dataSource, (manager) =>
      appendToOutbox(manager, [{ type: "MESSAGE_SENT", messageId: entry.messageId, recipientId: 1 }], written),
    );
    if (entry.relayedHoursAgo !== null) {
      await runSql(
        database.dataSource,
        "UPDATE outbox_events SET relaySequence = :sequence, relayedAt = :relayedAt WHERE payload LIKE :payload",
        {
          sequence: index + 1,
          relayedAt: new Date(Date.now() - entry.relayedHoursAgo * HOUR),
          payload: `%"messageId":${entry.messageId},%`,
        },
      );
    }
  }
}

async function prunedThrough(): Promise<number> {
  const [row] = await runSql<{ through: number | string }>(
    database.dataSource,
    "SELECT prunedThroughSequence AS through FROM outbox_relay_state WHERE id = 1",
    {},
  );
  return Number(row!.through);
}

async function messageIdsLeft(): Promise<number[]> {
  const rows: Array<{ payload: string }> = await database.dataSource.query(
    "SELECT payload FROM outbox_events ORDER BY id",
  );
  return rows.map((row) => (JSON.parse(row.payload) as { messageId: number }).messageId);
}

describe(`pruning the outbox on ${testEngine}`, () => {
  it("deletes only relayed events relayed before the retention, in bounded batches, and never an unrelayed one", async () => {
    await rowsAged([
      { messageId: 1, ageHours: 200, relayedHoursAgo: 199 },
      { messageId: 2, ageHours: 200, relayedHoursAgo: null },
      { messageId: 3, ageHours: 180, relayedHoursAgo: 179 },
      { messageId: 4, ageHours: 170, relayedHoursAgo: 169 },
      { messageId: 5, ageHours: 170, relayedHoursAgo: 2 },
      { messageId: 6, ageHours: 1, relayedHoursAgo: 1 },
      { messageId: 7, ageHours: 1, relayedHoursAgo: null },
    ]);
    const retention = new Date(Date.now() - 168 * HOUR);
    expect(await pruneRelayedEvents(database.dataSource, retention, 2)).toBe(3);
    expect(await messageIdsLeft()).toEqual([2, 5, 6, 7]);
    expect(await pruneRelayedEvents(database.dataSource, retention, 2)).toBe(0);
  });

  it("deletes a prefix in relay order, up to the last event relayed before the retention, and records where it ends", async () => {
    await database.dataSource.query("DELETE FROM outbox_events");
    await runSql(database.dataSource, "UPDATE outbox_relay_state SET prunedThroughSequence = 0 WHERE id = 1", {});
    // Sequence 2 was stamped by a clock ahead of the others: still, sequence 3 relayed before the retention.
    await rowsAged([
      { messageId: 11, ageHours: 200, relayedHoursAgo: 199 },
      { messageId: 12, ageHours: 200, relayedHoursAgo: 1 },
      { messageId: 13, ageHours: 200, relayedHoursAgo: 198 },
      { messageId: 14, ageHours: 200, relayedHoursAgo: 1 },
      { messageId: 15, ageHours: 200, relayedHoursAgo: null },
    ]);
    const retention = new Date(Date.now() - 168 * HOUR);
    expect(await pruneRelayedEvents(database.dataSource, retention, 1)).toBe(3);
    expect(await messageIdsLeft()).toEqual([14, 15]);
    expect(await prunedThrough()).toBe(3);
    // Nothing more to prune: the mark stays where it is, never lowered.
    expect(await pruneRelayedEvents(database.dataSource, new Date(Date.now() - 500 * HOUR), 10)).toBe(0);
    expect(await prunedThrough()).toBe(3);
  });
});
