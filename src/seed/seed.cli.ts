import "reflect-metadata";
import { performance } from "node:perf_hooks";
import { loadConfig, type DatabaseConfig } from "../config";
import { openDatabase } from "../db/data-source";
import { databaseNameOf } from "../db/mysql-admin";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { deleteAllRows, hasAnyUser } from "./existing-data";
import { seedDemoData, type SeedCounts } from "./seed";
import { SEED_USAGE, SeedArgsError, parseSeedArgs } from "./seed-args";

/* `npm run seed -- [--talents N] [--seed N] [--reset]`: fills the configured database with demo data. */

async function main(argv: readonly string[]): Promise<number> {
  const args = parseSeedArgs(argv);
  if (args.help) {
    console.log(SEED_USAGE);
    return 0;
  }
  const config = loadConfig();
  console.log(`Seeding ${describe(config.database)} with ${args.talents} talents (seed ${args.seed})`);
  const dataSource = await openDatabase(withoutStatementTimeout(config.database));
  try {
    if (await hasAnyUser(dataSource)) {
      if (!args.reset) {
        console.error(
          "The database already has users. Run again with --reset to delete every row first, or point DATABASE_URL/SQLITE_PATH at an empty database.",
        );
        return 1;
      }
      const resetStarted = performance.now();
      await deleteAllRows(dataSource);
      console.log(`Deleted every existing row in ${seconds(resetStarted)} s`);
    }
    const started = performance.now();
    const counts = await seedDemoData(dataSource, {
      talents: args.talents,
      seed: args.seed,
      log: (line) => console.log(`  ${line}`),
    });
    printCounts(counts);
    console.log(`Seeded in ${seconds(started)} s`);
    console.log("Demo accounts:");
    for (const account of DEMO_ACCOUNTS)
      console.log(`  ${account.label.padEnd(17)} ${account.email} / ${account.password}`);
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

function describe(database: DatabaseConfig): string {
  // The database name only: the URL may carry a password.
  return database.kind === "sqlite"
    ? `SQLite at ${database.path}`
    : `MariaDB/MySQL database '${databaseNameOf(database.url)}'`;
}

function printCounts(counts: SeedCounts): void {
  const entries = Object.entries(counts);
  const width = Math.max(...entries.map(([table]) => table.length));
  for (const [table, count] of entries)
    console.log(`  ${table.padEnd(width)} ${count.toLocaleString("en-US").padStart(10)}`);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  console.log(`  ${"total".padEnd(width)} ${total.toLocaleString("en-US").padStart(10)}`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof SeedArgsError) console.error(`${error.message}\n\n${SEED_USAGE}`);
    else console.error(error);
    process.exitCode = 1;
  },
);

/**
 * Bulk inserts and `--reset`'s deletes of millions of rows run far longer than
 * the gateway's per-statement limit, which exists to fail requests fast.
 */
function withoutStatementTimeout(database: DatabaseConfig): DatabaseConfig {
  if (database.kind !== "mysql" || !database.pool) return database;
  return { ...database, pool: { ...database.pool, queryTimeoutMs: 60 * 60 * 1000 } };
}
