import type { DataSource, EntityManager } from "typeorm";

/**
 * One queue per SQLite database, shared by every writer; `pending` counts the
 * one running and those waiting. Kept by the data source's driver (its one
 * connection), so that a traced request's view of the data source
 * (src/tracing/statement-parents.ts) waits in the same queue.
 */
const sqliteQueues = new WeakMap<object, { tail: Promise<unknown>; pending: number }>();

/** SQLite's writer: whether a transaction holds it, and how many wait their turn (the metrics' pool gauges). */
export function sqliteWriterQueue(db: DataSource): { running: number; waiting: number } {
  const pending = sqliteQueues.get(db.driver)?.pending ?? 0;
  return { running: Math.min(pending, 1), waiting: Math.max(pending - 1, 0) };
}

/**
 * Runs `work` in a transaction. On MariaDB that is `db.transaction`. TypeORM's
 * better-sqlite3 driver shares one connection, and so one transaction, among
 * all callers: a second transaction started while the first is open becomes a
 * savepoint inside it, and the two commit or roll back each other's writes.
 * SQLite has a single writer anyway, so there transactions wait their turn.
 * Every write of the gateway goes through here.
 */
export function transaction<T>(
  db: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: { readCommitted?: boolean } = {},
): Promise<T> {
  if (db.options.type !== "better-sqlite3") {
    // READ COMMITTED: an UPDATE that scans keeps locks only on the rows it changes (see kept-counts.ts).
    return options.readCommitted ? db.transaction("READ COMMITTED", work) : db.transaction(work);
  }
  let queue = sqliteQueues.get(db.driver);
  if (!queue) {
    queue = { tail: Promise.resolve(), pending: 0 };
    sqliteQueues.set(db.driver, queue);
  }
  const writers = queue;
  writers.pending += 1;
  const run = writers.tail.then(() => db.transaction(work)).finally(() => (writers.pending -= 1));
  writers.tail = run.catch(() => undefined);
  return run;
}
