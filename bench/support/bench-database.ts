import { performance } from "node:perf_hooks";
import mysql from "mysql2/promise";
import type { DataSource } from "typeorm";
import { openDatabase } from "../../src/db/data-source";
import { createMysqlDatabase, withDatabaseName } from "../../src/db/mysql-admin";
import { deleteAllRows } from "../../src/seed/existing-data";
import { DEFAULT_SEED, seedDemoData } from "../../src/seed/seed";
import { sizesFor } from "../../src/seed/sizes";

/** The MariaDB server the benchmarks use (its path names nothing in particular). */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? "mysql://root@127.0.0.1:3306/bench";

/** Written after a seed completes, so an interrupted seed is never taken for a finished one. */
const MARKER_TABLE = "bench_seed_marker";

export function benchDatabaseName(talents: number): string {
  return `talent_bench_${talents}`;
}

export function benchDatabaseUrl(talents: number): string {
  return withDatabaseName(BENCH_SERVER_URL, benchDatabaseName(talents));
}

/** A mysql2 connection to the database `url` names, or to the server only when `serverOnly`. */
export async function connectTo(url: string, serverOnly = false): Promise<mysql.Connection> {
  const parsed = new URL(url);
  return mysql.createConnection({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: !serverOnly && parsed.pathname.length > 1 ? decodeURIComponent(parsed.pathname.slice(1)) : undefined,
    timezone: "Z",
    connectTimeout: 5_000,
  });
}

async function databaseExists(name: string): Promise<boolean> {
  const connection = await connectTo(BENCH_SERVER_URL, true);
  try {
    const [rows] = await connection.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", [name]);
    return (rows as unknown[]).length > 0;
  } finally {
    await connection.end();
  }
}

async function seededTalents(db: DataSource): Promise<number | null> {
  const [marker] = await db.query(
    `SELECT COUNT(*) AS found FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`,
    [MARKER_TABLE],
  );
  if (Number(marker.found) === 0) return null;
  const [row] = await db.query(`SELECT talents FROM ${MARKER_TABLE} LIMIT 1`);
  return row ? Number(row.talents) : null;
}

async function countUsers(db: DataSource): Promise<number> {
  const [row] = await db.query("SELECT COUNT(*) AS n FROM users");
  return Number(row.n);
}

/**
 * Makes sure `talent_bench_<talents>` exists, is migrated and holds exactly one
 * finished seed of that size (the users count agrees with the marker); seeds it
 * (once, ~55 s per 100,000 talents) when not. Returns its URL.
 */
export async function ensureBenchDatabase(talents: number, log: (line: string) => void = console.log): Promise<string> {
  const name = benchDatabaseName(talents);
  const url = benchDatabaseUrl(talents);
  if (!(await databaseExists(name))) {
    log(`creating database ${name}`);
    await createMysqlDatabase(BENCH_SERVER_URL, name);
  }
  const db = await openDatabase({ kind: "mysql", url });
  try {
    const sizes = sizesFor(talents);
    const expectedUsers = sizes.talents + sizes.castingDirectors;
    const users = await countUsers(db);
    if ((await seededTalents(db)) === talents && users === expectedUsers) {
      log(`${name}: already seeded with ${talents.toLocaleString("en-US")} talents (${users} users), reused`);
      return url;
    }
    if (users > 0) {
      log(`${name}: holds an unfinished or different seed (${users} users): deleting every row`);
      await deleteAllRows(db);
    }
    await db.query(`DROP TABLE IF EXISTS ${MARKER_TABLE}`);
    log(`${name}: seeding ${talents.toLocaleString("en-US")} talents (seed ${DEFAULT_SEED})`);
    const started = performance.now();
    await seedDemoData(db, { talents, log: (line) => log(`  ${line}`) });
    await db.query(`CREATE TABLE ${MARKER_TABLE} (talents INT NOT NULL, seededAt DATETIME(3) NOT NULL)`);
    await db.query(`INSERT INTO ${MARKER_TABLE} (talents, seededAt) VALUES (?, UTC_TIMESTAMP(3))`, [talents]);
    // Fresh statistics, so the optimizer's plans match a database of this size.
    for (const table of ["users", "talent_profiles", "productions", "roles", "applications", "messages"]) {
      await db.query(`ANALYZE TABLE ${table}`);
    }
    log(`${name}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return url;
  } finally {
    await db.destroy();
  }
}
