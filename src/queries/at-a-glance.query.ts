import type { DataSource } from "typeorm";
import type { AtAGlanceCounts } from "../domain/dashboard-summary";
import { AT_A_GLANCE_COLUMNS, atAGlanceFromRow } from "../db/sql/at-a-glance.sql";
import { runSql } from "../db/sql/run-sql";

const AT_A_GLANCE_SQL = `
SELECT ${AT_A_GLANCE_COLUMNS}
FROM users viewer
LEFT JOIN talent_profiles tp ON tp.talentId = viewer.id
WHERE viewer.id = :talentId`;

/** Only the five At a Glance counts (what the live subscription recounts); null for no such user. */
export async function loadAtAGlance(db: DataSource, talentId: number, now: Date): Promise<AtAGlanceCounts | null> {
  const [row] = await runSql<Record<string, unknown>>(db, AT_A_GLANCE_SQL, { talentId, now });
  return row ? atAGlanceFromRow(row) : null;
}
