import type { DataSource, EntityManager } from "typeorm";
import { isSqlite } from "../db/row-locks";
import { runSql, runSqlCountingRows } from "../db/sql/run-sql";
import { transaction } from "../db/transaction";

/**
 * Deletes the relayed events up to the last one relayed before
 * `relayedBefore`, a prefix in relay order, `batchSize` rows per statement
 * (each its own short transaction, so no statement holds many locks or runs
 * into the statement timeout), until none is left. Returns how many rows went.
 *
 * A prefix, not every row older than the date: resumed subscriptions replay a
 * stream from a relay sequence on (src/outbox/replay-events.ts), and
 * `prunedThroughSequence` tells them where the gap-free part starts, so a
 * cursor below it is refused instead of replaying with a hole. (The instances'
 * clocks may disagree, so relayedAt need not grow with the sequence.) The mark
 * is raised before anything is deleted: whoever sees a row gone sees the mark.
 * Unrelayed events are never deleted, however old.
 */
export async function pruneRelayedEvents(db: DataSource, relayedBefore: Date, batchSize: number): Promise<number> {
  const through = await transaction(db, (manager) => raisePrunedMark(manager, relayedBefore), { readCommitted: true });
  if (through === null) return 0;
  let deleted = 0;
  for (;;) {
    const inBatch = await transaction(db, (manager) => deleteBatch(manager, through, batchSize), {
      readCommitted: true,
    });
    deleted += inBatch;
    if (inBatch < batchSize) return deleted;
  }
}

/** The last relay sequence relayed before the date (null when none), recorded as pruned through. */
async function raisePrunedMark(manager: EntityManager, relayedBefore: Date): Promise<number | null> {
  // relayedAt IS NULL (not relayed) never compares below a date.
  const [row] = await runSql<{ through: number | string | null }>(
    manager,
    "SELECT MAX(relaySequence) AS through FROM outbox_events WHERE relayedAt < :relayedBefore",
    { relayedBefore },
  );
  if (row?.through === null || row?.through === undefined) return null;
  const through = Number(row.through);
  await runSql(
    manager,
    "UPDATE outbox_relay_state SET prunedThroughSequence = :through WHERE id = 1 AND prunedThroughSequence < :through",
    { through },
  );
  return through;
}

async function deleteBatch(manager: EntityManager, through: number, batchSize: number): Promise<number> {
  const limit = Math.trunc(batchSize);
  const sql = isSqlite(manager)
    ? `DELETE FROM outbox_events WHERE id IN (SELECT id FROM outbox_events WHERE relaySequence <= :through LIMIT ${limit})`
    : `DELETE FROM outbox_events WHERE relaySequence <= :through LIMIT ${limit}`;
  return runSqlCountingRows(manager, sql, { through });
}
