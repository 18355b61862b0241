import type { DataSource } from "typeorm";
import { ROLE_COUNTED_FOR_VIEWER } from "../db/sql/role-match.sql";
import { runSql } from "../db/sql/run-sql";

/** At most this many ids per statement, under both engines' parameter limits. */
const CHUNK = 5_000;

/**
 * Which of `candidateIds` now count the role in newRolesMatched: it is open,
 * matches their profile, is newer than their last look, and they have not
 * applied to it. Used to update only talents who are subscribed.
 */
export async function talentsNewlyMatchedByRole(
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
       JOIN users viewer ON viewer.id = tp.talentId
       WHERE r.id = :roleId AND p.expiresAt > :now AND ${ROLE_COUNTED_FOR_VIEWER}`,
      { roleId, talentIds: chunk, now },
    );
    matching.push(...rows.map((row) => Number(row.talentId)));
  }
  return matching;
}
