import fs from "node:fs";
import path from "node:path";
import { DataSource, type Logger } from "typeorm";
import { allEntities } from "../../entities";
import type { DatabaseConfig } from "../config";
import { detectMysqlFlavor } from "./mysql-admin";
import { mysqlMigrations } from "./migrations/mysql";
import { sqliteMigrations } from "./migrations/sqlite";
import { mysql2ForTypeorm } from "./prepared-reads";
import { statementTimer, type StatementObserver } from "./statement-timer";

export interface DataSourceOptions {
  /** Receives every statement; the statement-count tests and debugging hook in here. */
  logger?: Logger;
  /** Connections in the MariaDB pool. */
  poolSize?: number;
  /** Which server speaks the MySQL protocol; openDatabase asks the server. */
  mysqlFlavor?: "mariadb" | "mysql";
  /** Times every statement (the metrics); none: no subscriber is added, nothing is timed. */
  onStatement?: StatementObserver;
}

/**
 * Builds (does not connect) the data source for either engine. The schema comes
 * from migrations only; `synchronize` stays off everywhere.
 */
export function createDataSource(database: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  const common = {
    entities: allEntities,
    synchronize: false,
    migrationsRun: false,
    logger: options.logger,
    logging: options.logger ? ("all" as const) : false,
  };
  if (database.kind === "mysql") {
    return new DataSource({
      ...common,
      type: options.mysqlFlavor ?? "mysql",
      // Parameterised SELECTs as prepared statements: parsed once per connection, not on every request.
      driver: mysql2ForTypeorm(database.pool?.preparedStatements ?? 100),
      url: database.url,
      // Dates travel as UTC both ways, whatever the server's or the process's zone.
      timezone: "Z",
      charset: "utf8mb4_unicode_ci",
      supportBigNumbers: true,
      bigNumberStrings: false,
      // mysql2 captures a stack trace on every statement to point errors at their caller: ~4 % of
      // the gateway's CPU under load. TypeORM's QueryFailedError already carries the caller's stack.
      trace: false,
      // Fail fast when MariaDB stops answering: bounded connect, statement and queue waits.
      connectTimeout: database.pool?.connectTimeoutMs ?? 3_000,
      maxQueryExecutionTime: database.pool?.queryTimeoutMs ?? 5_000,
      enableQueryTimeout: true,
      poolSize: options.poolSize ?? database.pool?.size ?? 10,
      extra: { queueLimit: database.pool?.queueLimit ?? 5_000 },
      migrations: mysqlMigrations,
      migrationsTableName: "migrations",
    });
  }
  if (database.path !== ":memory:") {
    fs.mkdirSync(path.dirname(path.resolve(database.path)), { recursive: true });
  }
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: database.path,
    enableWAL: database.path !== ":memory:",
    timeout: 5_000,
    migrations: sqliteMigrations,
    migrationsTableName: "migrations",
  });
}

/** Connects and brings the schema up to date: the start-up path on both engines. */
export async function openDatabase(database: DatabaseConfig, options: DataSourceOptions = {}): Promise<DataSource> {
  const mysqlFlavor = database.kind === "mysql" ? await detectMysqlFlavor(database.url) : undefined;
  const dataSource = createDataSource(database, { ...options, mysqlFlavor });
  await dataSource.initialize();
  // After initialize, which replaces the subscribers with those of the options (classes, not instances).
  if (options.onStatement) dataSource.subscribers.push(statementTimer(options.onStatement));
  try {
    await dataSource.runMigrations({ transaction: "each" });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
