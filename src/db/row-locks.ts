import type { EntityManager } from "typeorm";

/** True on the embedded SQLite, which has one writer at a time and no row locks. */
export function isSqlite(manager: EntityManager): boolean {
  return manager.connection.options.type === "better-sqlite3";
}

/** The clause that makes a SELECT a locking read on MariaDB; nothing on SQLite. */
export function lockingReadClause(manager: EntityManager, mode: "shared" | "exclusive"): string {
  if (isSqlite(manager)) return "";
  return mode === "shared" ? " LOCK IN SHARE MODE" : " FOR UPDATE";
}

/**
 * FOR UPDATE SKIP LOCKED on MariaDB: the row is locked, or passed over when
 * another transaction holds it (so instances share out work); nothing on SQLite.
 */
export function skipLockedClause(manager: EntityManager): string {
  return isSqlite(manager) ? "" : " FOR UPDATE SKIP LOCKED";
}
