import type { DataSource } from "typeorm";
import { ROLE_MATCHES_PROFILE } from "./role-match.sql";
import { runSql } from "./run-sql";

/** At most this many ids per statement, under both engines' parameter limits. */
const CHUNK = 5_000;

/**
 * Which of `candidateIds` the role matches (open production, profile meets
 * every requirement). Used to recount only talents who are subscribed.
 */
export async function talentsMatchingRole(
  db: DataSource,
  roleId: number,
  candidateIds: number[],
  now: Date,
): Promise<number[]> {
  const matching: number[] = [];
  for (let start = 0; start < candidateIds.length; start += CHUNK) {
    const chunk = candidateIds.slice(start, start + CHUNK);
    const rows = await runSql<{ talentId: number }>(
      db,
      `SELECT tp.talentId AS talentId
       FROM roles r
       JOIN productions p ON p.id = r.productionId
       JOIN talent_profiles tp ON tp.talentId IN (:...talentIds)
       WHERE r.id = :roleId AND p.expiresAt > :now AND ${ROLE_MATCHES_PROFILE}`,
      { roleId, talentIds: chunk, now },
    );
    matching.push(...rows.map((row) => Number(row.talentId)));
  }
  return matching;
}
