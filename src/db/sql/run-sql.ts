import type { DataSource, EntityManager } from "typeorm";
import type { Driver } from "typeorm/driver/Driver";
import { createStatementExpander, type ExpandedStatement } from "./statement-plans";

/**
 * Each data source's statement plans (src/db/sql/statement-plans.ts), kept as
 * long as it is: by its driver, which a traced request's view of it
 * (src/tracing/statement-parents.ts) shares.
 */
const expanders = new WeakMap<Driver, (sql: string, parameters: Record<string, unknown>) => ExpandedStatement>();

function expanderOf({ driver, options }: DataSource) {
  let expand = expanders.get(driver);
  if (!expand) expanders.set(driver, (expand = createStatementExpander({ driver, options })));
  return expand;
}

/**
 * Runs hand-written SQL with `:named` parameters on either engine. TypeORM's
 * driver expands the names into each engine's placeholders and writes Dates the
 * way that engine stores them (UTC text for SQLite, UTC datetime for MariaDB).
 */
export async function runSql<Row>(
  db: DataSource | EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<Row[]> {
  const connection = "connection" in db ? db.connection : db;
  // STRAIGHT_JOIN is MariaDB's "join in this order"; SQLite has no such hint and plans its own.
  const portable = connection.options.type === "better-sqlite3" ? sql.replace(/\bSTRAIGHT_JOIN\b/g, "JOIN") : sql;
  const [expanded, values] = expanderOf(connection)(portable, parameters);
  return db.query(expanded, values);
}

/** Runs a hand-written UPDATE or DELETE (as runSql) inside a transaction and returns how many rows it changed. */
export async function runSqlCountingRows(
  manager: EntityManager,
  sql: string,
  parameters: Record<string, unknown>,
): Promise<number> {
  if (!manager.queryRunner) throw new Error("runSqlCountingRows runs inside a transaction");
  const [expanded, values] = manager.connection.driver.escapeQueryWithParameters(sql, parameters);
  const result = await manager.queryRunner.query(expanded, values, true);
  return result.affected ?? 0;
}
