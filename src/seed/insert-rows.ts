import type { DataSource, EntityManager } from "typeorm";
import { columnsOf } from "./columns";
import { TABLES_PARENTS_FIRST, type RowsByTable, type SeedCounts, type TableName } from "./rows";
import { toSqlValue, type SqlValue } from "./sql-value";

/*
 * Multi-row INSERTs with placeholders: one round trip per few thousand rows.
 * Statements stay below both engines' parameter limits (MariaDB 65,535,
 * SQLite 32,766), with headroom.
 */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Inserts every row of `rows`, parents before children, in one transaction
 * (SQLite commits each statement to disk otherwise), and adds them to `counts`.
 */
export async function writeRows(dataSource: DataSource, rows: Partial<RowsByTable>, counts: SeedCounts): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const table of TABLES_PARENTS_FIRST) {
      const tableRows = rows[table];
      if (!tableRows || tableRows.length === 0) continue;
      await insertRows(manager, table, tableRows);
      counts[table] += tableRows.length;
    }
  });
}

async function insertRows(manager: EntityManager, table: TableName, rows: readonly object[]): Promise<void> {
  const columns = columnsOf(table);
  const escape = (name: string) => manager.connection.driver.escape(name);
  const head = `INSERT INTO ${escape(table)} (${columns.map(escape).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const rowsPerStatement = Math.floor(MAX_PARAMETERS_PER_STATEMENT / columns.length);

  for (let start = 0; start < rows.length; start += rowsPerStatement) {
    const batch = rows.slice(start, start + rowsPerStatement);
    const parameters: SqlValue[] = [];
    for (const row of batch) {
      const values = row as Record<string, unknown>;
      for (const column of columns) parameters.push(toSqlValue(values[column]));
    }
    await manager.query(head + Array(batch.length).fill(tuple).join(", "), parameters);
  }
}
