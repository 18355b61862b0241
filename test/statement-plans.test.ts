import type { DataSource } from "typeorm";
import { MysqlDriver } from "typeorm/driver/mysql/MysqlDriver";
import { createStatementExpander } from "../src/db/sql/statement-plans";

/*
 * The plans must expand exactly as TypeORM's MariaDB driver does: its own
 * escapeQueryWithParameters (on an object with the one method it calls) is
 * the oracle, call after call, however the parameters change.
 */
const typeormExpand = (sql: string, parameters: Record<string, unknown>) =>
  MysqlDriver.prototype.escapeQueryWithParameters.call({ createParameter: () => "?" }, sql, parameters);

const calls: string[] = [];
const mariadb = {
  options: { type: "mariadb" },
  driver: {
    escapeQueryWithParameters(sql: string, parameters: Record<string, unknown>) {
      calls.push(sql);
      return typeormExpand(sql, parameters);
    },
  },
} as unknown as DataSource;

beforeEach(() => {
  calls.length = 0;
});

const SUMMARY =
  "SELECT :talentId AS id, TIME_FORMAT(t.at, '10:30') AS t FROM talents t " +
  "WHERE t.id = :talentId AND t.seenAt > :seenAt AND t.kind = :profile.kind AND t.open = :open";

describe("statement plans", () => {
  it("expand as TypeORM does, the second call without TypeORM: a repeated name, a dotted one, a time literal left alone", () => {
    const expand = createStatementExpander(mariadb);
    const first = { talentId: 7, seenAt: new Date("2026-12-01T00:00:00Z"), "profile.kind": "x", open: true };
    const second = { talentId: 9, seenAt: null, "profile.kind": "y", open: false };
    expect(expand(SUMMARY, first)).toEqual(typeormExpand(SUMMARY, first));
    expect(expand(SUMMARY, second)).toEqual(typeormExpand(SUMMARY, second));
    expect(expand(SUMMARY, second)[0]).toContain("'10:30'");
    // The first call planned the text (by expanding it itself); TypeORM was never asked.
    expect(calls).toEqual([]);
  });

  it("follow TypeORM when a call has other names than the planned one: a name the text left alone becomes a parameter", () => {
    const expand = createStatementExpander(mariadb);
    const planned = { talentId: 7, seenAt: null, "profile.kind": "x", open: true };
    const withTheLiteral = { ...planned, 30: "thirty" };
    const missingOne = { talentId: 7, seenAt: null, open: true };
    expand(SUMMARY, planned);
    for (const parameters of [withTheLiteral, missingOne]) {
      expect(expand(SUMMARY, parameters)).toEqual(typeormExpand(SUMMARY, parameters));
    }
    expect(calls).toHaveLength(2);
  });

  it("leave list spreads and raw SQL values to TypeORM", () => {
    const expand = createStatementExpander(mariadb);
    const spread = "SELECT id FROM roles WHERE id IN (:...ids) AND open = :open";
    for (const ids of [[1, 2, 3], [4]]) {
      expect(expand(spread, { ids, open: true })).toEqual(typeormExpand(spread, { ids, open: true }));
    }
    const raw = "SELECT id FROM roles WHERE createdAt < :now";
    expand(raw, { now: new Date(0) });
    expect(expand(raw, { now: () => "CURRENT_TIMESTAMP" })).toEqual([
      "SELECT id FROM roles WHERE createdAt < CURRENT_TIMESTAMP",
      [],
    ]);
    expect(calls).toEqual([spread, spread, raw]);
  });

  it("never expand what a value holds: a value that spells a parameter stays a value", () => {
    const expand = createStatementExpander(mariadb);
    const sql = "SELECT id FROM users WHERE name = :name AND email = :email";
    const parameters = { name: ":email", email: "a@example.test" };
    expand(sql, { name: "planned", email: "x" });
    expect(expand(sql, parameters)).toEqual([
      "SELECT id FROM users WHERE name = ? AND email = ?",
      [":email", "a@example.test"],
    ]);
  });

  it("are not used on SQLite, whose driver writes numbers into the text and converts dates", () => {
    const sqlite = { options: { type: "better-sqlite3" }, driver: mariadb.driver } as unknown as DataSource;
    const expand = createStatementExpander(sqlite);
    expand(SUMMARY, { talentId: 7 });
    expand(SUMMARY, { talentId: 8 });
    expect(calls).toEqual([SUMMARY, SUMMARY]);
  });
});
