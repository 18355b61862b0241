import { normalisedSql, statementShape } from "./support/statement-shape";

/*
 * The statement-count test matches statements by shape; these pin down that a
 * shape does not depend on how either engine (or TypeORM) spells a statement.
 */

describe("a statement's shape", () => {
  it("is the same whatever the whitespace, the identifier quotes and the placeholders", () => {
    const spellings = [
      "SELECT a.id FROM applications a\n  JOIN roles r ON r.id = a.roleId\n WHERE a.talentId = ? ORDER BY a.id DESC LIMIT 11",
      'SELECT "a"."id" FROM "applications" "a" JOIN "roles" "r" ON "r"."id" = "a"."roleId" WHERE "a"."talentId" = 7 ORDER BY "a"."id" DESC LIMIT 11',
      "SELECT `a`.`id` FROM `applications` `a` STRAIGHT_JOIN `roles` `r` ON `r`.`id` = `a`.`roleId` WHERE `a`.`talentId` = $1 ORDER BY `a`.`id` DESC LIMIT $2",
    ];
    expect(spellings.map(statementShape)).toEqual(Array(3).fill({ kind: "page", tables: ["applications", "roles"] }));
  });

  it("counts the keys of a batch written as placeholders or as numbers", () => {
    for (const list of ["?, ?, ?", "$1,$2,$3", "4, 8, 15", "? ,\n ? , ?"]) {
      expect(statementShape(`SELECT id FROM audition_requests WHERE applicationId IN (${list}) ORDER BY id`)).toEqual({
        kind: "batch",
        tables: ["audition_requests"],
        keys: 3,
      });
    }
  });

  it("reads the tables of subqueries and joins as well as the outer FROM, once each", () => {
    const summary = `SELECT (SELECT COUNT(*) FROM messages m WHERE m.recipientId = viewer.id) AS newMessages,
      ac.allCount FROM users viewer LEFT JOIN talent_profiles tp ON tp.talentId = viewer.id
      CROSS JOIN (SELECT COUNT(*) AS allCount FROM applications a JOIN users u ON u.id = a.talentId) ac`;
    expect(statementShape(summary)).toEqual({
      kind: "counts",
      tables: ["applications", "messages", "talent_profiles", "users"],
    });
  });

  it("writes every number and placeholder as ?, on one line", () => {
    expect(normalisedSql('SELECT  "id"\n FROM `t`\tWHERE x = $12 AND y = 3 LIMIT ?')).toBe(
      "SELECT id FROM t WHERE x = ? AND y = ? LIMIT ?",
    );
  });
});
