import mysql2 from "mysql2";
import { reusePromiseWrapper } from "./promise-wrapper";

/*
 * MariaDB parses every text-protocol statement afresh: the Dashboard's summary
 * alone is 4.8 KB of SQL, sent and parsed on each request. A prepared statement
 * is parsed once per connection and then executed with its parameters only:
 * MariaDB's CPU per Dashboard 1,195 → 945 µs (`npm run bench:cpu`), the
 * gateway's unchanged, identical rows (BENCHMARKS.md).
 *
 * TypeORM has no switch for mysql2's `execute`; its query runner calls each
 * pool connection's `query`. So the mysql2 module TypeORM is given (its
 * `driver` option) makes pools whose connections send parameterised SELECTs
 * through `execute`, and everything else through `query` as before. TypeORM's
 * logger, subscribers (statement metrics, SQL spans) and errors stay exactly as
 * they are: they sit above the connection; the statement timeout is kept below.
 */

/** What a pool connection's `query` receives from TypeORM: the SQL, or `{ sql, timeout }`. */
type QueryText = string | { sql: string; timeout?: number };
type Callback = (...results: unknown[]) => void;
type Query = (sql: QueryText, values?: unknown, callback?: Callback) => unknown;

/**
 * Only reads: a write's result (affected rows, insert id) is the same either
 * way, and writes are not what every request repeats. Whitespace and
 * parentheses may come first (a comment first keeps a statement on `query`);
 * locking reads (`FOR UPDATE`) prepare like any SELECT.
 */
const SELECT = /^\s*\(*\s*select\b/i;

/**
 * A parameter `execute` binds as the text protocol would have written it:
 * numbers, strings, booleans, null, Dates (in the connection's time zone) and
 * Buffers. Arrays and objects are what the text protocol expands (`IN (?)` with
 * a list, `SET ?` with an object) and `execute` would not: those stay on `query`.
 */
function bindsTheSame(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case "number":
      return Number.isFinite(value);
    case "string":
    case "boolean":
      return true;
    case "object":
      return value instanceof Date || Buffer.isBuffer(value);
    default:
      return false;
  }
}

/** Whether a statement goes to MariaDB as a prepared statement: a SELECT with parameters that bind the same. */
export function isPreparedRead(sql: QueryText, values: unknown): boolean {
  const text = typeof sql === "string" ? sql : sql.sql;
  return Array.isArray(values) && values.length > 0 && values.every(bindsTheSame) && SELECT.test(text.slice(0, 256));
}

/**
 * mysql2's own statement timeout starts with the execute step, after the
 * prepare: a connection that hangs while preparing (MariaDB frozen, a network
 * that drops packets) would hold the request for ever. So the whole of it,
 * prepare and execute, runs under the timeout TypeORM gave the statement
 * (DB_QUERY_TIMEOUT_MS), failing as mysql2 fails a text statement that runs
 * past it. An answer that comes after is dropped.
 */
function withinTimeout(sql: QueryText, callback: Callback): Callback {
  const timeout = typeof sql === "string" ? undefined : sql.timeout;
  if (!timeout) return callback;
  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    callback(
      Object.assign(new Error("Query inactivity timeout"), {
        code: "PROTOCOL_SEQUENCE_TIMEOUT",
        errno: "PROTOCOL_SEQUENCE_TIMEOUT",
        syscall: "query",
      }),
    );
  }, timeout);
  return (...results) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    callback(...results);
  };
}

/** Makes one pool connection send its prepared reads through `execute`, under the statement's timeout. */
function sendReadsPrepared(connection: mysql2.PoolConnection): void {
  const target = connection as unknown as { query: Query; execute: Query };
  const query = target.query;
  target.query = function (this: unknown, sql, values, callback) {
    if (typeof callback === "function" && isPreparedRead(sql, values)) {
      return target.execute(sql, values, withinTimeout(sql, callback));
    }
    return query.call(this, sql, values, callback);
  };
}

/**
 * The mysql2 module for TypeORM's `driver` option. `preparedPerConnection`
 * bounds each connection's prepared statements (mysql2 closes the least
 * recently used one past it): MariaDB allows `max_prepared_stmt_count` (16,382
 * by default) for all connections of all instances together. 0: nothing
 * prepared. Either way each connection reuses its promise wrapper
 * (src/db/promise-wrapper.ts).
 */
export function mysql2ForTypeorm(preparedPerConnection: number): typeof mysql2 {
  return {
    ...mysql2,
    createPool(config: mysql2.PoolOptions) {
      const pool = mysql2.createPool(
        preparedPerConnection > 0 ? { ...config, maxPreparedStatements: preparedPerConnection } : config,
      );
      // Connections are made on demand, after this: every one of them is covered.
      pool.on("connection", (connection) => {
        reusePromiseWrapper(connection);
        if (preparedPerConnection > 0) sendReadsPrepared(connection);
      });
      return pool;
    },
  } as typeof mysql2;
}
