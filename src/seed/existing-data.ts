import type { DataSource } from "typeorm";
import { TABLES_PARENTS_FIRST } from "./rows";

/** True once anyone has signed up or been seeded: the seed refuses to add to such a database. */
export async function hasAnyUser(dataSource: DataSource): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(`SELECT 1 AS found FROM ${dataSource.driver.escape("users")} LIMIT 1`);
  return rows.length > 0;
}

/**
 * Deletes every row of every table, children before parents so no foreign key
 * is ever left dangling. The schema and the migrations table stay.
 */
export async function deleteAllRows(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    for (const table of [...TABLES_PARENTS_FIRST].reverse()) {
      await manager.query(`DELETE FROM ${dataSource.driver.escape(table)}`);
    }
  });
}
