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
