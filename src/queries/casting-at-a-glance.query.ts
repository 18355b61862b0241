import type { DataSource } from "typeorm";
import {
  CASTING_AT_A_GLANCE_SQL,
  castingAtAGlanceFromRow,
  type CastingAtAGlanceCounts,
} from "../db/sql/casting-at-a-glance.sql";
import { runSql } from "../db/sql/run-sql";

export type { CastingAtAGlanceCounts } from "../db/sql/casting-at-a-glance.sql";

/** The casting director's At a Glance counts, read in one statement. */
export async function loadCastingAtAGlance(db: DataSource, directorId: number): Promise<CastingAtAGlanceCounts> {
  const [row] = await runSql<Record<string, unknown>>(db, CASTING_AT_A_GLANCE_SQL, { directorId });
  return castingAtAGlanceFromRow(row ?? {});
}
