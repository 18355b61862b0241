import type { DataSource } from "typeorm";
import { toDate, type SqlDatetime } from "../../src/db/sql/row-values";
import { runSql } from "../../src/db/sql/run-sql";

/*
 * newRolesMatched counted straight from the contract's words, in SQL of the
 * test's own: open roles (production expiring after `openAt`) that match the
 * profile, posted after the talent last looked, with no application by them.
 */
/** Role `r` is new and matched for user `u` with profile `tp`, whatever its production `p`'s expiry. */
export const NEW_MATCHED_ROLE = `
  r.createdAt > u.rolesMatchedSeenAt
  AND (r.gender IS NULL OR r.gender = tp.gender)
  AND (r.ageMin IS NULL OR tp.playableAgeMax >= r.ageMin)
  AND (r.ageMax IS NULL OR tp.playableAgeMin <= r.ageMax)
  AND (r.location IS NULL OR LOWER(r.location) = LOWER(tp.location))
  AND (r.unionStatus IS NULL OR r.unionStatus = tp.unionStatus)
  AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.roleId = r.id AND a.talentId = u.id)`;

const DEFINITION = `
  SELECT u.id AS talentId, u.newRolesMatchedCount AS kept, (
    SELECT COUNT(*) FROM roles r JOIN productions p ON p.id = r.productionId
    WHERE p.expiresAt > :openAt AND ${NEW_MATCHED_ROLE}
  ) AS counted
  FROM users u JOIN talent_profiles tp ON tp.talentId = u.id
  WHERE u.accountType = 'TALENT'
  ORDER BY u.id`;

export interface KeptAndCounted {
  talentId: number;
  /** users.newRolesMatchedCount as stored. */
  kept: number;
  /** The definition's count with productions open at `openAt`. */
  counted: number;
}

export async function keptAndCounted(db: DataSource, openAt: Date): Promise<KeptAndCounted[]> {
  const rows = await runSql<Record<string, unknown>>(db, DEFINITION, { openAt });
  return rows.map((row) => ({ talentId: Number(row.talentId), kept: Number(row.kept), counted: Number(row.counted) }));
}

export async function settlementMark(db: DataSource): Promise<Date> {
  const [row] = await runSql<{ settledThrough: SqlDatetime }>(
    db,
    "SELECT settledThrough FROM role_match_settlement WHERE id = 1",
    {},
  );
  return toDate(row.settledThrough);
}

/** Asserts that every talent's kept count is the definition's count as of the settlement mark. */
export async function expectKeptCountsExact(db: DataSource): Promise<void> {
  const rows = await keptAndCounted(db, await settlementMark(db));
  expect(rows.map(({ talentId, kept }) => ({ talentId, count: kept }))).toEqual(
    rows.map(({ talentId, counted }) => ({ talentId, count: counted })),
  );
}
