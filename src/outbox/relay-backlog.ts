import type { DataSource } from "typeorm";
import { runSql } from "../db/sql/run-sql";

/**
 * Events committed and not yet relayed, by any instance: the relay backlog the metrics show. One statement
 * over IDX_outbox_events_unrelayed's NULL entries (the relay's own scan), so it costs what the backlog is long.
 */
export async function countUnrelayedEvents(db: DataSource): Promise<number> {
  const [row] = await runSql<{ backlog: number | string }>(
    db,
    db.options.type === "better-sqlite3"
      ? "SELECT COUNT(*) AS backlog FROM outbox_events WHERE relaySequence IS NULL"
      : "SELECT COUNT(*) AS backlog FROM outbox_events FORCE INDEX (IDX_outbox_events_unrelayed) WHERE relaySequence IS NULL",
    {},
  );
  return Number(row?.backlog ?? 0);
}
