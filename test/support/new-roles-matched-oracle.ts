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

/*
 * `counted` is the definition; `fannedOut` the part of it whose roles' fan-out
 * has reached the talent (roles.countedThroughTalentId at or above their id),
 * which is what the kept count must hold at every moment.
 */
const DEFINITION = `
  SELECT u.id AS talentId, u.newRolesMatchedCount AS kept, (
    SELECT COUNT(*) FROM roles r JOIN productions p ON p.id = r.productionId
    WHERE p.expiresAt > :openAt AND ${NEW_MATCHED_ROLE}
  ) AS counted, (
    SELECT COUNT(*) FROM roles r JOIN productions p ON p.id = r.productionId
    WHERE p.expiresAt > :openAt AND r.countedThroughTalentId >= u.id AND ${NEW_MATCHED_ROLE}
  ) AS fannedOut
  FROM users u JOIN talent_profiles tp ON tp.talentId = u.id
  WHERE u.accountType = 'TALENT'
  ORDER BY u.id`;

export interface KeptAndCounted {
  talentId: number;
  /** users.newRolesMatchedCount as stored. */
  kept: number;
  /** The definition's count with productions open at `openAt`. */
  counted: number;
  /** Of those, the roles whose fan-out has reached the talent. */
  fannedOut: number;
}

export async function keptAndCounted(db: DataSource, openAt: Date): Promise<KeptAndCounted[]> {
  const rows = await runSql<Record<string, unknown>>(db, DEFINITION, { openAt });
  return rows.map((row) => ({
    talentId: Number(row.talentId),
    kept: Number(row.kept),
    counted: Number(row.counted),
    fannedOut: Number(row.fannedOut),
  }));
}

export async function settlementMark(db: DataSource): Promise<Date> {
  const [row] = await runSql<{ settledThrough: SqlDatetime }>(
    db,
    "SELECT settledThrough FROM role_match_settlement WHERE id = 1",
    {},
  );
  return toDate(row.settledThrough);
}

/**
 * Asserts that every talent's kept count is the definition's count as of the
 * settlement mark, over the roles fanned out to them (true at every moment).
 */
export async function expectKeptCountsExact(db: DataSource): Promise<void> {
  const rows = await keptAndCounted(db, await settlementMark(db));
  expect(rows.map(({ talentId, kept }) => ({ talentId, count: kept }))).toEqual(
    rows.map(({ talentId, fannedOut }) => ({ talentId, count: fannedOut })),
  );
}

/** The roles whose fan-out is unfinished, with their marks, in id order. */
export async function unfinishedFanOuts(db: DataSource): Promise<Array<{ roleId: number; mark: number }>> {
  const rows = await runSql<{ id: unknown; mark: unknown }>(
    db,
    "SELECT id, countedThroughTalentId AS mark FROM roles WHERE countedThroughTalentId < 2147483647 ORDER BY id",
    {},
  );
  return rows.map((row) => ({ roleId: Number(row.id), mark: Number(row.mark) }));
}
