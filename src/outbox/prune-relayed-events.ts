import type { DataSource, EntityManager } from "typeorm";
import { isSqlite } from "../db/row-locks";
import { runSqlCountingRows } from "../db/sql/run-sql";
import { transaction } from "../db/transaction";

/**
 * Deletes relayed events relayed before `relayedBefore`, `batchSize` rows per
 * statement (each its own short transaction, so no statement holds many locks
 * or runs into the statement timeout), until none is left. Unrelayed events
 * are never deleted, however old. Returns how many rows went.
 */
export async function pruneRelayedEvents(db: DataSource, relayedBefore: Date, batchSize: number): Promise<number> {
  let deleted = 0;
  for (;;) {
    const inBatch = await transaction(db, (manager) => deleteBatch(manager, relayedBefore, batchSize), {
      readCommitted: true,
    });
    deleted += inBatch;
    if (inBatch < batchSize) return deleted;
  }
}

async function deleteBatch(manager: EntityManager, relayedBefore: Date, batchSize: number): Promise<number> {
  const limit = Math.trunc(batchSize);
  // relayedAt IS NULL (not relayed) never compares below a date.
  const sql = isSqlite(manager)
    ? `DELETE FROM outbox_events WHERE id IN (SELECT id FROM outbox_events WHERE relayedAt < :relayedBefore LIMIT ${limit})`
    : `DELETE FROM outbox_events WHERE relayedAt < :relayedBefore LIMIT ${limit}`;
  return runSqlCountingRows(manager, sql, { relayedBefore });
}
