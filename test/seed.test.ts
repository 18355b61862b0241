import { createHash } from "node:crypto";
import type { DataSource } from "typeorm";
import { verifyPassword } from "../src/auth/passwords";
import { DEMO_CASTING_DIRECTOR, DEMO_PASSWORD, DEMO_TALENT } from "../src/seed/demo-accounts";
import { deleteAllRows, hasAnyUser } from "../src/seed/existing-data";
import { seedDemoData, type SeedCounts } from "../src/seed/seed";
import { createTestDatabase, testEngine, type TestDatabase } from "./support/test-database";
import { TABLES_PARENTS_FIRST } from "../src/seed/rows";
import {
  expectKeptCountsExact,
  keptAndCounted,
  NEW_MATCHED_ROLE,
  settlementMark,
} from "./support/new-roles-matched-oracle";

/*
 * The counts and filters below are written from the contract README, in SQL of
 * their own, so they check the seed's data rather than repeat its code.
 */

const NOW = new Date("2026-03-15T12:00:00.000Z");
const OPTIONS = { talents: 40, seed: 7, now: NOW };
const TABLES = TABLES_PARENTS_FIRST;

/** A date as the UTC text SQLite stores and MariaDB parses: comparable on both engines. */
function sqlTime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 23);
}

async function count(db: DataSource, sql: string, parameters: unknown[] = []): Promise<number> {
  const rows: Array<{ n: number | string }> = await db.query(sql, parameters);
  return Number(rows[0].n);
}

async function column(db: DataSource, sql: string, parameters: unknown[] = []): Promise<string[]> {
  const rows: Array<{ v: string }> = await db.query(sql, parameters);
  return rows.map((row) => String(row.v));
}

async function userId(db: DataSource, email: string): Promise<number> {
  const rows: Array<{ id: number }> = await db.query("SELECT id FROM users WHERE email = ?", [email]);
  return Number(rows[0].id);
}

async function tableCounts(db: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await count(db, `SELECT COUNT(*) AS n FROM ${table}`);
  return counts;
}

/** A fingerprint of the rows most likely to drift: the first messages, applications and roles. */
async function digest(db: DataSource): Promise<string> {
  const rows = [
    await db.query(
      "SELECT id, senderId, recipientId, productionId, body, sentAt, readAt FROM messages ORDER BY id LIMIT 50",
    ),
    await db.query("SELECT id, talentId, roleId, status, createdAt, updatedAt FROM applications ORDER BY id LIMIT 50"),
    await db.query("SELECT id, name, gender, ageMin, location, createdAt FROM roles ORDER BY id LIMIT 50"),
  ];
  return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
}

/** Open roles matching the talent's profile, created after they last looked, with no application by them. */
const NEW_ROLES_MATCHED = `
  FROM roles r
  JOIN productions p ON p.id = r.productionId
  JOIN talent_profiles tp ON tp.talentId = ?
  JOIN users u ON u.id = tp.talentId
  WHERE p.expiresAt > ? AND ${NEW_MATCHED_ROLE}`;

describe(`seedDemoData on ${testEngine}`, () => {
  let database: TestDatabase;
  let db: DataSource;
  let counts: SeedCounts;
  let talentId: number;
  const now = sqlTime(NOW);

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.dataSource;
    counts = await seedDemoData(db, OPTIONS);
    talentId = await userId(db, DEMO_TALENT.email);
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("reports exactly the rows it inserted, scaled to the number of talents", async () => {
    expect(await tableCounts(db)).toEqual(counts);
    expect(await count(db, "SELECT COUNT(*) AS n FROM users WHERE accountType = 'TALENT'")).toBe(40);
    expect(await count(db, "SELECT COUNT(*) AS n FROM users WHERE accountType = 'CASTING_DIRECTOR'")).toBe(3);
    expect(counts.productions).toBe(10);
    expect(counts.roles).toBeGreaterThanOrEqual(2 * 10);
    expect(counts.roles).toBeLessThanOrEqual(4 * 10 + 3);
    expect(counts.applications).toBeGreaterThanOrEqual(3 * 40);
    expect(counts.applications).toBeLessThanOrEqual(7 * 40);
    expect(counts.messages).toBeGreaterThanOrEqual(6 * 40);
    expect(counts.messages).toBeLessThanOrEqual(11 * 40);
  });

  it("gives every talent a profile row and no casting director one", async () => {
    expect(counts.talent_profiles).toBe(40);
    const orphans = await count(
      db,
      "SELECT COUNT(*) AS n FROM talent_profiles tp JOIN users u ON u.id = tp.talentId WHERE u.accountType <> 'TALENT'",
    );
    expect(orphans).toBe(0);
  });

  it("gives the demo talent something to see in every At a Glance count", async () => {
    const newMessages = await count(db, "SELECT COUNT(*) AS n FROM messages WHERE recipientId = ? AND readAt IS NULL", [
      talentId,
    ]);
    const newInvitations = await count(
      db,
      `SELECT COUNT(*) AS n FROM invitations i JOIN roles r ON r.id = i.roleId JOIN productions p ON p.id = r.productionId
       WHERE i.talentId = ? AND i.respondedAt IS NULL AND p.expiresAt > ?`,
      [talentId, now],
    );
    const auditionRequests = await count(
      db,
      "SELECT COUNT(*) AS n FROM audition_requests WHERE talentId = ? AND status = 'REQUESTED' AND dueAt > ?",
      [talentId, now],
    );
    const draftApplications = await count(
      db,
      `SELECT COUNT(*) AS n FROM applications a JOIN roles r ON r.id = a.roleId JOIN productions p ON p.id = r.productionId
       WHERE a.talentId = ? AND a.status = 'DRAFT' AND p.expiresAt > ?`,
      [talentId, now],
    );
    const newRolesMatched = await count(db, `SELECT COUNT(*) AS n ${NEW_ROLES_MATCHED}`, [talentId, now]);

    expect({ newMessages, newInvitations, auditionRequests, draftApplications }).toEqual({
      newMessages: 3,
      newInvitations: 1,
      auditionRequests: 1,
      draftApplications: 1,
    });
    expect(newRolesMatched).toBeGreaterThanOrEqual(3);
  });

  it("matches the demo talent to Night Shift's new roles except the one for a man", async () => {
    const matched = await column(
      db,
      `SELECT r.name AS v ${NEW_ROLES_MATCHED} AND p.title = 'Night Shift (Web Series)' ORDER BY r.name`,
      [talentId, now],
    );
    expect(matched).toEqual(["ER Nurse", "Intern", "Paramedic"]);
  });

  it("keeps every talent's newRolesMatched as the rule counts it, relative to the seed's clock", async () => {
    // NOW lies in the past, so the settlement mark is NOW and readers subtract what expired since.
    expect(await settlementMark(db)).toEqual(NOW);
    await expectKeptCountsExact(db);
    const talentsWithNewRoles = (await keptAndCounted(db, NOW)).filter((row) => row.kept > 0);
    expect(talentsWithNewRoles.length).toBeGreaterThan(20);
  });

  it("fills every application filter for the demo talent", async () => {
    const of = (where: string) =>
      count(
        db,
        `SELECT COUNT(*) AS n FROM applications a JOIN roles r ON r.id = a.roleId JOIN productions p ON p.id = r.productionId
         WHERE a.talentId = ? AND ${where}`,
        [talentId, now],
      );
    expect({
      ALL: await of("? IS NOT NULL"),
      INVITES: await of("a.status = 'INVITED' AND ? IS NOT NULL"),
      DRAFTS: await of("a.status = 'DRAFT' AND ? IS NOT NULL"),
      ACTIVE: await of("a.status = 'SUBMITTED' AND p.expiresAt > ?"),
      AUDITIONS: await of(
        "EXISTS (SELECT 1 FROM audition_requests ar WHERE ar.applicationId = a.id) AND ? IS NOT NULL",
      ),
      ARCHIVED: await of("p.expiresAt <= ?"),
    }).toEqual({ ALL: 7, INVITES: 2, DRAFTS: 1, ACTIVE: 2, AUDITIONS: 3, ARCHIVED: 2 });
  });

  it("puts the demo talent's applications on productions of the demo casting director", async () => {
    const directorId = await userId(db, DEMO_CASTING_DIRECTOR.email);
    const onDirectorsProductions = await count(
      db,
      `SELECT COUNT(*) AS n FROM applications a JOIN roles r ON r.id = a.roleId JOIN productions p ON p.id = r.productionId
       WHERE a.talentId = ? AND p.castingDirectorId = ?`,
      [talentId, directorId],
    );
    expect(onDirectorsProductions).toBe(7);
  });

  it("scores the demo talent's profile 7 of 10, with media of every kind and recent views", async () => {
    const has = async (sql: string) => (await count(db, sql, [talentId])) > 0;
    const photos = await count(db, "SELECT COUNT(*) AS n FROM media_items WHERE talentId = ? AND kind = 'PHOTO'", [
      talentId,
    ]);
    const earned = {
      HEADSHOT: (await has(
        "SELECT COUNT(*) AS n FROM media_items WHERE talentId = ? AND kind = 'PHOTO' AND isPrimary = 1",
      ))
        ? 2
        : 0,
      PHOTOS: photos >= 3 ? 1 : 0,
      BIO: (await has("SELECT COUNT(*) AS n FROM talent_profiles WHERE talentId = ? AND bio IS NOT NULL AND bio <> ''"))
        ? 1
        : 0,
      PHYSICAL_DETAILS: (await has(
        `SELECT COUNT(*) AS n FROM talent_profiles WHERE talentId = ?
         AND gender IS NOT NULL AND playableAgeMin IS NOT NULL AND playableAgeMax IS NOT NULL AND heightCm IS NOT NULL`,
      ))
        ? 1
        : 0,
      LOCATION: (await has("SELECT COUNT(*) AS n FROM talent_profiles WHERE talentId = ? AND location IS NOT NULL"))
        ? 1
        : 0,
      SKILLS: (await has("SELECT COUNT(*) AS n FROM talent_skills WHERE talentId = ?")) ? 1 : 0,
      CREDITS: (await has("SELECT COUNT(*) AS n FROM talent_credits WHERE talentId = ?")) ? 1 : 0,
      VIDEO_REEL: (await has("SELECT COUNT(*) AS n FROM media_items WHERE talentId = ? AND kind = 'VIDEO'")) ? 1 : 0,
      AUDIO_REEL: (await has("SELECT COUNT(*) AS n FROM media_items WHERE talentId = ? AND kind = 'AUDIO'")) ? 1 : 0,
    };
    expect(Object.values(earned).reduce((sum, points) => sum + points, 0)).toBe(7);
    expect(
      await column(db, "SELECT DISTINCT kind AS v FROM media_items WHERE talentId = ? ORDER BY kind", [talentId]),
    ).toEqual(["AUDIO", "DOCUMENT", "PHOTO", "VIDEO"]);
    expect(await count(db, "SELECT COUNT(*) AS n FROM production_views WHERE talentId = ?", [talentId])).toBe(5);
  });

  it("covers every status, kind and state across the data set", async () => {
    expect(await column(db, "SELECT DISTINCT status AS v FROM applications ORDER BY status")).toEqual([
      "DECLINED",
      "DRAFT",
      "INVITED",
      "SUBMITTED",
    ]);
    expect(await column(db, "SELECT DISTINCT status AS v FROM audition_requests ORDER BY status")).toEqual([
      "REQUESTED",
      "SUBMITTED",
    ]);
    expect(await column(db, "SELECT DISTINCT kind AS v FROM media_items ORDER BY kind")).toEqual([
      "AUDIO",
      "DOCUMENT",
      "PHOTO",
      "VIDEO",
    ]);

    const positive = async (sql: string, parameters: unknown[] = []) =>
      expect(await count(db, sql, parameters)).toBeGreaterThan(0);
    await positive("SELECT COUNT(*) AS n FROM productions WHERE expiresAt > ?", [now]);
    await positive("SELECT COUNT(*) AS n FROM productions WHERE expiresAt <= ?", [now]);
    await positive("SELECT COUNT(*) AS n FROM audition_requests WHERE status = 'REQUESTED' AND dueAt > ?", [now]);
    await positive("SELECT COUNT(*) AS n FROM audition_requests WHERE status = 'REQUESTED' AND dueAt <= ?", [now]);
    await positive("SELECT COUNT(*) AS n FROM messages WHERE readAt IS NULL");
    await positive("SELECT COUNT(*) AS n FROM messages WHERE readAt IS NOT NULL");
    await positive("SELECT COUNT(*) AS n FROM messages WHERE productionId IS NOT NULL");
    await positive("SELECT COUNT(*) AS n FROM messages WHERE LENGTH(body) > 140");
    await positive("SELECT COUNT(*) AS n FROM talent_skills");
    await positive("SELECT COUNT(*) AS n FROM talent_credits");
  });

  it("posts roles with no requirement, one, and several", async () => {
    const requirementCounts = await column(
      db,
      `SELECT DISTINCT
         (CASE WHEN gender IS NULL THEN 0 ELSE 1 END) + (CASE WHEN ageMin IS NULL AND ageMax IS NULL THEN 0 ELSE 1 END) +
         (CASE WHEN location IS NULL THEN 0 ELSE 1 END) + (CASE WHEN unionStatus IS NULL THEN 0 ELSE 1 END) AS v
       FROM roles`,
    );
    const distinct = requirementCounts.map(Number);
    expect(distinct).toContain(0);
    expect(distinct).toContain(1);
    expect(distinct.some((n) => n >= 2)).toBe(true);
  });

  it("keeps at most one primary photo per talent and one application per talent and role", async () => {
    expect(
      await db.query("SELECT talentId FROM media_items WHERE isPrimary = 1 GROUP BY talentId HAVING COUNT(*) > 1"),
    ).toEqual([]);
    expect(await count(db, "SELECT COUNT(*) AS n FROM media_items WHERE isPrimary = 1 AND kind <> 'PHOTO'")).toBe(0);
    expect(
      await db.query("SELECT talentId, roleId FROM applications GROUP BY talentId, roleId HAVING COUNT(*) > 1"),
    ).toEqual([]);
  });

  it("invites every INVITED and DECLINED application, and leaves only INVITED ones unanswered", async () => {
    const uninvited = await count(
      db,
      `SELECT COUNT(*) AS n FROM applications a WHERE a.status IN ('INVITED', 'DECLINED')
       AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.applicationId = a.id)`,
    );
    const mismatched = await count(
      db,
      `SELECT COUNT(*) AS n FROM invitations i JOIN applications a ON a.id = i.applicationId
       WHERE (i.respondedAt IS NULL) <> (a.status = 'INVITED') OR i.talentId <> a.talentId OR i.roleId <> a.roleId`,
    );
    expect({ uninvited, mismatched }).toEqual({ uninvited: 0, mismatched: 0 });
    await expect(
      count(db, "SELECT COUNT(*) AS n FROM invitations WHERE respondedAt IS NOT NULL"),
    ).resolves.toBeGreaterThan(0);
  });

  it("has talents write only to casting directors who wrote to them first", async () => {
    const talentMessages = await count(
      db,
      "SELECT COUNT(*) AS n FROM messages m JOIN users s ON s.id = m.senderId WHERE s.accountType = 'TALENT'",
    );
    const unprompted = await count(
      db,
      `SELECT COUNT(*) AS n FROM messages m JOIN users s ON s.id = m.senderId JOIN users r ON r.id = m.recipientId
       WHERE s.accountType = 'TALENT' AND (r.accountType <> 'CASTING_DIRECTOR' OR NOT EXISTS (
         SELECT 1 FROM messages first WHERE first.senderId = m.recipientId AND first.recipientId = m.senderId AND first.sentAt <= m.sentAt))`,
    );
    expect(talentMessages).toBeGreaterThan(0);
    expect(unprompted).toBe(0);
  });

  it("dates every past event before now and leaves roles posted since most talents last looked", async () => {
    const future = await count(
      db,
      `SELECT (SELECT COUNT(*) FROM applications WHERE updatedAt > ? OR createdAt > updatedAt)
            + (SELECT COUNT(*) FROM messages WHERE sentAt > ? OR readAt > ?)
            + (SELECT COUNT(*) FROM roles WHERE createdAt > ?)
            + (SELECT COUNT(*) FROM users WHERE rolesMatchedSeenAt > ? OR createdAt > rolesMatchedSeenAt) AS n`,
      [now, now, now, now, now],
    );
    expect(future).toBe(0);
    const withNewRoles = await count(
      db,
      `SELECT COUNT(*) AS n FROM users u WHERE u.accountType = 'TALENT'
       AND EXISTS (SELECT 1 FROM roles r WHERE r.createdAt > u.rolesMatchedSeenAt)`,
    );
    expect(withNewRoles).toBeGreaterThan(20);
  });

  it("lets both demo accounts sign in with the documented password", async () => {
    expect(DEMO_PASSWORD).toBe("demo-password");
    const rows: Array<{ email: string; passwordHash: string }> = await db.query(
      "SELECT email, passwordHash FROM users WHERE email IN (?, ?) ORDER BY email",
      [DEMO_CASTING_DIRECTOR.email, DEMO_TALENT.email],
    );
    expect(rows.map((row) => row.email)).toEqual(["director@demo.test", "talent@demo.test"]);
    for (const row of rows) {
      await expect(verifyPassword("demo-password", row.passwordHash)).resolves.toBe(true);
      await expect(verifyPassword("wrong-password", row.passwordHash)).resolves.toBe(false);
    }
  });

  it("seeds identical rows from the same options, again after deleteAllRows, and different ones from another seed", async () => {
    const expected = await digest(db);
    const other = await createTestDatabase();
    try {
      await seedDemoData(other.dataSource, OPTIONS);
      expect(await tableCounts(other.dataSource)).toEqual(counts);
      expect(await digest(other.dataSource)).toBe(expected);

      await deleteAllRows(other.dataSource);
      expect(await hasAnyUser(other.dataSource)).toBe(false);
      expect(Object.values(await tableCounts(other.dataSource))).toEqual(TABLES.map(() => 0));

      await seedDemoData(other.dataSource, OPTIONS);
      expect(await digest(other.dataSource)).toBe(expected);

      await deleteAllRows(other.dataSource);
      await seedDemoData(other.dataSource, { ...OPTIONS, seed: 8 });
      expect(await digest(other.dataSource)).not.toBe(expected);
    } finally {
      await other.drop();
    }
  });
});
