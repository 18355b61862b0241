import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ApplicationFilter } from "../../entities/enums";
import {
  APPLICATION_BUCKETS,
  APPLICATION_FILTERS,
  type ApplicationCountsByBucket,
} from "../domain/application-buckets";
import type { DashboardSummary } from "../domain/dashboard-summary";
import { APPLICATION_FILTER_CONDITION } from "../db/sql/application-filter.sql";
import { AT_A_GLANCE_COLUMNS, atAGlanceFromRow } from "../db/sql/at-a-glance.sql";
import { toNumber } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";

const countWhen = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/** Each bucket's size as the column `<bucket>Count`, counted over the talent's applications joined to their productions. */
const bucketColumn = (filter: ApplicationFilter) => `${APPLICATION_BUCKETS[filter]}Count`;
const BUCKET_COUNTS = APPLICATION_FILTERS.map(
  (filter) =>
    `${filter === ApplicationFilter.ALL ? "COUNT(*)" : countWhen(APPLICATION_FILTER_CONDITION[filter])} AS ${bucketColumn(filter)}`,
).join(",\n    ");

const SUMMARY_SQL = `
SELECT
  ${AT_A_GLANCE_COLUMNS},
  (SELECT COUNT(*) FROM messages m WHERE m.recipientId = viewer.id) AS messages,
  ${APPLICATION_FILTERS.map((filter) => `ac.${bucketColumn(filter)}`).join(", ")},
  mc.photos, mc.videos, mc.audio, mc.documents, mc.bytesUsed, mc.headshots,
  CASE WHEN tp.bio IS NOT NULL AND TRIM(tp.bio) <> '' THEN 1 ELSE 0 END AS hasBio,
  CASE WHEN tp.gender IS NOT NULL AND tp.playableAgeMin IS NOT NULL AND tp.playableAgeMax IS NOT NULL
       AND tp.heightCm IS NOT NULL THEN 1 ELSE 0 END AS hasPhysicalDetails,
  CASE WHEN tp.location IS NOT NULL AND TRIM(tp.location) <> '' THEN 1 ELSE 0 END AS hasLocation,
  CASE WHEN EXISTS (SELECT 1 FROM talent_skills s WHERE s.talentId = viewer.id) THEN 1 ELSE 0 END AS hasSkills,
  CASE WHEN EXISTS (SELECT 1 FROM talent_credits c WHERE c.talentId = viewer.id) THEN 1 ELSE 0 END AS hasCredits
FROM users viewer
LEFT JOIN talent_profiles tp ON tp.talentId = viewer.id
CROSS JOIN (
  SELECT
    ${BUCKET_COUNTS}
  FROM applications a
  JOIN roles ar_role ON ar_role.id = a.roleId
  JOIN productions p ON p.id = ar_role.productionId
  WHERE a.talentId = :talentId
) ac
CROSS JOIN (
  SELECT
    ${countWhen("kind = 'PHOTO'")} AS photos,
    ${countWhen("kind = 'VIDEO'")} AS videos,
    ${countWhen("kind = 'AUDIO'")} AS audio,
    ${countWhen("kind = 'DOCUMENT'")} AS documents,
    COALESCE(SUM(bytes), 0) AS bytesUsed,
    ${countWhen("kind = 'PHOTO' AND isPrimary = 1")} AS headshots
  FROM media_items WHERE talentId = :talentId
) mc
WHERE viewer.id = :talentId`;

/** Reads the whole summary of one talent's dashboard in one statement; null when there is no such user. */
async function loadDashboardSummary(db: DataSource, talentId: number, now: Date): Promise<DashboardSummary | null> {
  const [row] = await runSql<Record<string, unknown>>(db, SUMMARY_SQL, { talentId, now });
  if (!row) return null;
  const n = (column: string) => toNumber(row[column]);
  const applicationCounts = Object.fromEntries(
    APPLICATION_FILTERS.map((filter) => [APPLICATION_BUCKETS[filter], n(bucketColumn(filter))]),
  ) as ApplicationCountsByBucket;
  return {
    atAGlance: atAGlanceFromRow(row),
    applicationCounts,
    profile: {
      hasBio: n("hasBio") === 1,
      hasPhysicalDetails: n("hasPhysicalDetails") === 1,
      hasLocation: n("hasLocation") === 1,
      hasSkills: n("hasSkills") === 1,
      hasCredits: n("hasCredits") === 1,
      hasHeadshot: n("headshots") > 0,
      photos: n("photos"),
      videos: n("videos"),
      audio: n("audio"),
    },
    media: {
      photos: n("photos"),
      videos: n("videos"),
      audio: n("audio"),
      documents: n("documents"),
      bytesUsed: n("bytesUsed"),
    },
    messages: n("messages"),
  };
}

/**
 * Every count of a dashboard (At a Glance, application counts, profile facts,
 * media totals), so the fields that show them share one statement.
 */
export function createDashboardSummaryByTalentIdLoader(
  db: DataSource,
  now: Date,
): DataLoader<number, DashboardSummary | null> {
  return new DataLoader((talentIds) =>
    Promise.all(talentIds.map((talentId) => loadDashboardSummary(db, talentId, now))),
  );
}
