import { openDatabase } from "../src/db/data-source";
import type { DataSource } from "typeorm";
import { createEmptyDatabase, testEngine } from "./support/test-database";

/** The application's tables (SQLite's own bookkeeping table left out). */
async function tableNames(db: DataSource): Promise<string[]> {
  const sql =
    db.options.type === "better-sqlite3"
      ? "SELECT name FROM sqlite_master WHERE type = 'table'"
      : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()";
  const rows: Array<{ name: string }> = await db.query(sql);
  return rows
    .map((row) => row.name)
    .filter((name) => name !== "sqlite_sequence")
    .sort();
}

describe(`migrations on ${testEngine}`, () => {
  it("bring an empty database to exactly the schema the entities describe", async () => {
    const empty = await createEmptyDatabase();
    const db = await openDatabase(empty.config);
    try {
      const pending = await db.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
      expect(await tableNames(db)).toEqual(
        [
          "applications",
          "audition_requests",
          "invitations",
          "media_items",
          "messages",
          "migrations",
          "outbox_events",
          "outbox_relay_state",
          "production_views",
          "productions",
          "role_match_settlement",
          "roles",
          "talent_credits",
          "talent_profiles",
          "talent_skills",
          "users",
        ].sort(),
      );
    } finally {
      await db.destroy();
      await empty.remove();
    }
  });

  it("run once: opening a migrated database again applies nothing", async () => {
    const empty = await createEmptyDatabase();
    try {
      const first = await openDatabase(empty.config);
      const applied = await first.query("SELECT COUNT(*) AS n FROM migrations");
      await first.destroy();
      const second = await openDatabase(empty.config);
      expect(await second.showMigrations()).toBe(false);
      expect(await second.query("SELECT COUNT(*) AS n FROM migrations")).toEqual(applied);
      await second.destroy();
    } finally {
      await empty.remove();
    }
  });

  it("can be reverted to an empty schema", async () => {
    const empty = await createEmptyDatabase();
    const db = await openDatabase(empty.config);
    try {
      while ((await db.query("SELECT COUNT(*) AS n FROM migrations"))[0].n > 0) {
        await db.undoLastMigration();
      }
      expect(await tableNames(db)).toEqual(["migrations"]);
    } finally {
      await db.destroy();
      await empty.remove();
    }
  });
});
