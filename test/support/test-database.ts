import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DataSource, Logger } from "typeorm";
import type { DatabaseConfig } from "../../src/config";
import { openDatabase } from "../../src/db/data-source";
import { createMysqlDatabase, dropMysqlDatabase, withDatabaseName } from "../../src/db/mysql-admin";

/*
 * Every test file works in a database of its own: a temporary SQLite file by
 * default, or a scratch MariaDB database on the server named by
 * TEST_DATABASE_URL (CI runs the suite both ways).
 */

/** The MariaDB server under test, or null for the embedded SQLite. */
export const testMysqlUrl: string | null = process.env.TEST_DATABASE_URL || null;
export const testEngine: "mysql" | "sqlite" = testMysqlUrl ? "mysql" : "sqlite";

export interface TestDatabase {
  config: DatabaseConfig;
  dataSource: DataSource;
  /** Closes the data source and deletes the database. */
  drop(): Promise<void>;
}

let counter = 0;

/** A fresh, migrated, empty database of its own: the engine under test. */
export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TestDatabase> {
  const config = await createEmptyDatabase();
  const dataSource = await openDatabase(config.config, options);
  return {
    config: config.config,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await config.remove();
    },
  };
}

/** A fresh database that nothing has touched yet (not even migrations). */
export async function createEmptyDatabase(): Promise<{ config: DatabaseConfig; remove(): Promise<void> }> {
  counter += 1;
  if (testMysqlUrl) {
    const name = `talent_test_${process.pid}_${counter}`;
    await createMysqlDatabase(testMysqlUrl, name);
    return {
      config: { kind: "mysql", url: withDatabaseName(testMysqlUrl, name) },
      remove: () => dropMysqlDatabase(testMysqlUrl, name),
    };
  }
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "talent-test-"));
  return {
    config: { kind: "sqlite", path: path.join(folder, "test.sqlite") },
    remove: async () => fs.rmSync(folder, { recursive: true, force: true }),
  };
}
