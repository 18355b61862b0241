import type mysql2 from "mysql2";
import type { DataSource } from "typeorm";
import { openDatabase } from "../src/db/data-source";
import { isPreparedRead } from "../src/db/prepared-reads";
import { runSql } from "../src/db/sql/run-sql";
import { createEmptyDatabase, testEngine } from "./support/test-database";

/*
 * On MariaDB the reads go out as prepared statements (src/db/prepared-reads.ts):
 * which statements do, that they answer the same rows as the text protocol,
 * and that the server really prepares them once and executes them after
 * (its own per-session counters, on a pool of one connection).
 */

describe("which statements are sent prepared", () => {
  it("takes SELECTs with parameters, however they are spelled or wrapped", () => {
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [1])).toBe(true);
    expect(isPreparedRead("\n  select id from users where id = ?", [1])).toBe(true);
    expect(isPreparedRead("(SELECT 1 FROM users WHERE id = ?) UNION (SELECT 2 FROM users WHERE id = ?)", [1, 2])).toBe(
      true,
    );
    // TypeORM's payload when statement timeouts are on.
    expect(isPreparedRead({ sql: "SELECT id FROM users WHERE email = ?" }, ["a@example.com"])).toBe(true);
    expect(isPreparedRead("SELECT ? , ?, ?, ?, ?", [null, true, new Date(), Buffer.from("x"), "ü"])).toBe(true);
  });

  it("leaves writes, statements without parameters and other statements on the text protocol", () => {
    expect(isPreparedRead("SELECT 1", [])).toBe(false);
    expect(isPreparedRead("SELECT 1", undefined)).toBe(false);
    expect(isPreparedRead("INSERT INTO users (name) VALUES (?)", ["x"])).toBe(false);
    expect(isPreparedRead("INSERT INTO users (name) SELECT ?", ["x"])).toBe(false);
    expect(isPreparedRead("UPDATE users SET name = ? WHERE id = (SELECT 1)", ["x"])).toBe(false);
    expect(isPreparedRead("DELETE FROM users WHERE id = ?", [1])).toBe(false);
    expect(isPreparedRead("/* SELECT */ DELETE FROM users WHERE id = ?", [1])).toBe(false);
    expect(isPreparedRead("SELECTED", [1])).toBe(false);
  });

  it("leaves values that the text protocol expands, or that execute would bind otherwise, on the text protocol", () => {
    // `IN (?)` with a list and `?` with an object are expanded into SQL by the text protocol only.
    expect(isPreparedRead("SELECT id FROM users WHERE id IN (?)", [[1, 2, 3]])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [{ id: 1 }])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [undefined])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [Number.NaN])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [Number.POSITIVE_INFINITY])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [1n])).toBe(false);
    expect(isPreparedRead("SELECT id FROM users WHERE id = ?", [1, [2]])).toBe(false);
  });
});

describe(`reads on a pool of one connection (${testEngine})`, () => {
  let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
  let prepared: DataSource;
  let plain: DataSource;

  beforeAll(async () => {
    database = await createEmptyDatabase();
    const config = database.config;
    prepared = await openDatabase(config, { poolSize: 1 });
    plain = await openDatabase(
      config.kind === "mysql" ? { ...config, pool: { ...defaultPool, preparedStatements: 0 } } : config,
      { poolSize: 1 },
    );
    const at = new Date("2026-03-04T05:06:07.089Z");
    for (const [email, name] of [
      ["ada@example.com", "Ada"],
      ["zoë@example.com", "Zoë 🎭"],
    ] as const) {
      await runSql(
        prepared,
        "INSERT INTO users (email, passwordHash, name, accountType, rolesMatchedSeenAt, newRolesMatchedCount, createdAt) VALUES (:email, 'x', :name, 'TALENT', :at, 3, :at)",
        { email, name, at },
      );
    }
  });

  afterAll(async () => {
    await prepared?.destroy();
    await plain?.destroy();
    await database?.remove();
  });

  const READ =
    "SELECT id, name, email, accountType, newRolesMatchedCount, createdAt FROM users WHERE createdAt <= :at AND name LIKE :pattern AND id > :after ORDER BY id LIMIT :limit";
  const parameters = { at: new Date("2026-12-31T00:00:00Z"), pattern: "%", after: 0, limit: 10 };

  it("answer the same rows, with the same types, as the text protocol", async () => {
    const rows = await runSql<Record<string, unknown>>(prepared, READ, parameters);
    expect(rows).toEqual(await runSql(plain, READ, parameters));
    expect(rows.map((row) => row.name)).toEqual(["Ada", "Zoë 🎭"]);
    expect(typeof rows[0]!.id).toBe("number");
    expect(typeof rows[0]!.newRolesMatchedCount).toBe("number");
  });

  const sessionCounters = async (dataSource: DataSource) => {
    const rows: Array<{ Variable_name: string; Value: string }> = await dataSource.query(
      "SHOW SESSION STATUS WHERE Variable_name IN ('Com_stmt_prepare', 'Com_stmt_execute')",
    );
    return Object.fromEntries(rows.map((row) => [row.Variable_name, Number(row.Value)]));
  };

  it(
    testEngine === "mysql"
      ? "are prepared once per connection and executed after, writes and plain reads are not, and 0 turns it off"
      : "are SQLite's own statements: the embedded database has no wire protocol to prepare on",
    async () => {
      if (testEngine !== "mysql") {
        // better-sqlite3 prepares every statement itself; the mysql2 module is never loaded for it.
        expect(prepared.driver.options.type).toBe("better-sqlite3");
        expect((prepared.driver.options as { driver?: unknown }).driver).toBeUndefined();
        return;
      }
      // A statement text of its own: the test above prepared READ already.
      const read = READ.replace("ORDER BY id", "ORDER BY id DESC");
      const before = await sessionCounters(prepared);
      for (let run = 0; run < 3; run++) await runSql(prepared, read, parameters);
      await prepared.query("UPDATE users SET newRolesMatchedCount = ? WHERE id = ?", [4, 1]);
      await prepared.query("SELECT COUNT(*) FROM users");
      const after = await sessionCounters(prepared);
      expect(after.Com_stmt_prepare! - before.Com_stmt_prepare!).toBe(1);
      expect(after.Com_stmt_execute! - before.Com_stmt_execute!).toBe(3);

      const plainBefore = await sessionCounters(plain);
      await runSql(plain, read, parameters);
      expect(await sessionCounters(plain)).toEqual(plainBefore);
    },
  );

  it(
    testEngine === "mysql"
      ? "reuse each pool connection's promise wrapper, prepared or not, and still answer"
      : "have no pool connections to wrap on SQLite",
    async () => {
      if (testEngine !== "mysql") {
        expect(prepared.driver.options.type).toBe("better-sqlite3");
        return;
      }
      for (const dataSource of [prepared, plain]) {
        const pool = (dataSource.driver as unknown as { pool: mysql2.Pool }).pool;
        const connection = await new Promise<mysql2.PoolConnection>((resolve, reject) =>
          pool.getConnection((error, got) => (error ? reject(error) : resolve(got))),
        );
        try {
          const wrapper = connection.promise();
          expect(connection.promise()).toBe(wrapper);
          // Another Promise class gets a wrapper of its own, as mysql2 makes it.
          expect(connection.promise(Promise)).not.toBe(wrapper);
          const [rows] = await wrapper.query("SELECT ? AS answer", [42]);
          expect(rows).toEqual([{ answer: 42 }]);
        } finally {
          connection.release();
        }
      }
      // And TypeORM's statements, which go through the wrapper, still answer on the same connection.
      expect(await runSql(prepared, READ, parameters)).toEqual(await runSql(plain, READ, parameters));
    },
  );
});

const defaultPool = { size: 1, queueLimit: 5_000, queryTimeoutMs: 5_000, connectTimeoutMs: 3_000 };
