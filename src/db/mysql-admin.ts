import mysql from "mysql2/promise";

/*
 * Creates and drops whole MariaDB databases: used by the migration generator
 * and by the tests, which each work in a scratch database of their own.
 */

const SAFE_NAME = /^[A-Za-z0-9_]{1,64}$/;

function assertSafeName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new Error(`Refusing database name '${name}'`);
}

/** The same URL with another database name in its path. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function databaseNameOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

async function runOnServer<T = unknown>(url: string, sql: string): Promise<T> {
  const server = new URL(url);
  const connection = await mysql.createConnection({
    host: server.hostname,
    port: server.port ? Number(server.port) : 3306,
    user: decodeURIComponent(server.username),
    password: decodeURIComponent(server.password),
    connectTimeout: 5_000,
  });
  try {
    const [rows] = await connection.query(sql);
    return rows as T;
  } finally {
    await connection.end();
  }
}

export async function createMysqlDatabase(url: string, database: string): Promise<void> {
  assertSafeName(database);
  await runOnServer(url, `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
}

export async function dropMysqlDatabase(url: string, database: string): Promise<void> {
  assertSafeName(database);
  await runOnServer(url, `DROP DATABASE IF EXISTS \`${database}\``);
}

/**
 * MariaDB and MySQL report column defaults differently, and TypeORM only reads
 * MariaDB's dialect right when told; without it every nullable column looks changed.
 */
export async function detectMysqlFlavor(url: string): Promise<"mariadb" | "mysql"> {
  const rows = await runOnServer<Array<{ version: string }>>(url, "SELECT VERSION() AS version");
  return /mariadb/i.test(rows[0]?.version ?? "") ? "mariadb" : "mysql";
}
