/*
 * Developer tool: writes the migration that brings each engine's schema from
 * the existing migrations to the current entities, like `typeorm migration:generate`
 * but for MariaDB and SQLite at once, against scratch databases.
 *
 *   npm run migration:generate -- AddSomething [mysql://root@127.0.0.1:3306/scratch]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import "reflect-metadata";
import type { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import { openDatabase } from "./data-source";
import { createMysqlDatabase, dropMysqlDatabase, withDatabaseName } from "./mysql-admin";

async function pendingQueries(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((query) => query.query),
    down: log.downQueries.map((query) => query.query).reverse(),
  };
}

function renderMigration(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) =>
    queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join("\n");
  return `import type { MigrationInterface, QueryRunner } from "typeorm";

export class ${className} implements MigrationInterface {
  name = "${className}";

  public async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function generateFor(engine: "mysql" | "sqlite", database: DatabaseConfig, className: string): Promise<void> {
  const dataSource = await openDatabase(database);
  try {
    const { up, down } = await pendingQueries(dataSource);
    if (up.length === 0) {
      console.log(`${engine}: schema already matches the entities, nothing to write`);
      return;
    }
    const folder = path.join(__dirname, "..", "..", "..", "src", "db", "migrations", engine);
    const file = path.join(folder, `${className}.ts`);
    fs.writeFileSync(file, renderMigration(className, up, down));
    console.log(`${engine}: wrote ${path.relative(process.cwd(), file)} (${up.length} statements); add it to index.ts`);
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const [name, serverUrl = "mysql://root@127.0.0.1:3306/scratch"] = process.argv.slice(2);
  if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
    throw new Error("usage: npm run migration:generate -- PascalCaseName [mysql://user:pass@host:port/db]");
  }
  const className = `${name}${Date.now()}`;

  const sqliteFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "migrations-")), "scratch.sqlite");
  await generateFor("sqlite", { kind: "sqlite", path: sqliteFile }, className);

  const scratch = `migration_scratch_${process.pid}`;
  await createMysqlDatabase(serverUrl, scratch);
  try {
    await generateFor("mysql", { kind: "mysql", url: withDatabaseName(serverUrl, scratch) }, className);
  } finally {
    await dropMysqlDatabase(serverUrl, scratch);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
