import type { DataSource, EntityManager } from "typeorm";
import { lockingReadClause } from "./row-locks";
import { toDate, type SqlDatetime } from "./sql/row-values";
import { runSql } from "./sql/run-sql";

/**
 * Reads the settlement mark inside a transaction and locks it: shared by the
 * writes that count relative to it, so that the settlement job (which takes it
 * exclusively) cannot move it under them. SQLite has a single writer and needs no lock.
 */
export async function lockSettlementMark(manager: EntityManager, mode: "shared" | "exclusive"): Promise<Date> {
  const [row] = await runSql<{ settledThrough: SqlDatetime }>(
    manager,
    `SELECT settledThrough FROM role_match_settlement WHERE id = 1${lockingReadClause(manager, mode)}`,
    {},
  );
  if (!row) throw new Error("role_match_settlement has no row: the database was not migrated");
  return toDate(row.settledThrough);
}

/** Sets the mark outright: only for a database whose kept counts are being written to match (the seed). */
export async function moveSettlementMark(db: DataSource | EntityManager, settledThrough: Date): Promise<void> {
  await runSql(db, "UPDATE role_match_settlement SET settledThrough = :settledThrough WHERE id = 1", {
    settledThrough,
  });
}
