import type { DataSource } from "typeorm";
import { sqliteWriterQueue } from "./transaction";

/** The database connections as the metrics show them. */
export interface ConnectionUsage {
  /** Connections running a statement or held by a transaction. */
  readonly inUse: number;
  /** Open connections waiting for work. */
  readonly idle: number;
  /** Requests waiting for a connection (MariaDB: the pool's queue; SQLite: write transactions queued for the writer). */
  readonly waiting: number;
}

interface Mysql2PoolInternals {
  _allConnections?: { length: number };
  _freeConnections?: { length: number };
  _connectionQueue?: { length: number };
}

/**
 * Read from mysql2's pool under TypeORM's MysqlDriver: mysql2 keeps these
 * counts in its pool's (undocumented) queues, read as they are, without a
 * statement. On SQLite, TypeORM shares one connection that reads never wait
 * for (better-sqlite3 runs them synchronously): it is in use while a write
 * transaction holds it, and `waiting` is the write transactions queued for it.
 * Null when neither is known (a pool that is not mysql2's as expected).
 */
export function connectionUsage(db: DataSource): ConnectionUsage | null {
  if (db.options.type === "better-sqlite3") {
    const writer = sqliteWriterQueue(db);
    return { inUse: writer.running, idle: 1 - writer.running, waiting: writer.waiting };
  }
  const pool = (db.driver as { pool?: Mysql2PoolInternals }).pool;
  const all = pool?._allConnections?.length;
  const free = pool?._freeConnections?.length;
  const queued = pool?._connectionQueue?.length;
  if (typeof all !== "number" || typeof free !== "number" || typeof queued !== "number") return null;
  return { inUse: all - free, idle: free, waiting: queued };
}
