import type { DataSource } from "typeorm";
import { ApplicationFilter } from "../../entities/enums";
import { APPLICATION_FILTER_CONDITION } from "../db/sql/application-filter.sql";
import { NEW_ROLES_MATCHED_COLUMN } from "../db/sql/role-match.sql";
import { toNumber } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";

/** The five At a Glance counts. */
export interface AtAGlanceCounts {
  newMessages: number;
  newInvitations: number;
  auditionRequests: number;
  draftApplications: number;
  newRolesMatched: number;
}

/** The size of each application filter. */
export type ApplicationCountsByFilter = Record<ApplicationFilter, number>;

/** What the profile score is computed from. */
export interface ProfileFacts {
  hasBio: boolean;
  hasPhysicalDetails: boolean;
  hasLocation: boolean;
  hasSkills: boolean;
  hasCredits: boolean;
  hasHeadshot: boolean;
  photos: number;
  videos: number;
  audio: number;
}

export interface MediaTotals {
  photos: number;
  videos: number;
  audio: number;
  documents: number;
  bytesUsed: number;
}

/**
 * Every number on a talent's dashboard, read by one statement. (The matched
 * roles' total is left out: it scans every open role, so it runs only when asked.)
 */
export interface DashboardSummary {
  atAGlance: AtAGlanceCounts;
  applicationCounts: ApplicationCountsByFilter;
  profile: ProfileFacts;
  media: MediaTotals;
  messages: number;
}

/** Applications with their role and production, for the filters that look at the production. */
const APPLICATIONS_WITH_PRODUCTION = `
  FROM applications a
  JOIN roles ar_role ON ar_role.id = a.roleId
  JOIN productions p ON p.id = ar_role.productionId
  WHERE a.talentId = :talentId`;

const countWhen = (condition: string) => `COALESCE(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END), 0)`;

/**
 * At a Glance as scalar subqueries on the talent (`viewer`) and their profile
 * (`tp`). newRolesMatched is kept on the user row rather than counted here: the
 * roles posted since a talent's last look grow with the whole platform.
 */
export const AT_A_GLANCE_COLUMNS = `
  (SELECT COUNT(*) FROM messages m WHERE m.recipientId = viewer.id AND m.readAt IS NULL) AS newMessages,
  (SELECT COUNT(*) FROM invitations i
     JOIN applications a ON a.id = i.applicationId
     JOIN roles r ON r.id = i.roleId
     JOIN productions p ON p.id = r.productionId
   WHERE i.talentId = viewer.id AND a.status = 'INVITED' AND p.expiresAt > :now) AS newInvitations,
  (SELECT COUNT(*) FROM audition_requests ar
   WHERE ar.talentId = viewer.id AND ar.status = 'REQUESTED' AND ar.dueAt > :now) AS auditionRequests,
  (SELECT COUNT(*) FROM applications a
     JOIN roles r ON r.id = a.roleId
     JOIN productions p ON p.id = r.productionId
   WHERE a.talentId = viewer.id AND a.status = 'DRAFT' AND p.expiresAt > :now) AS draftApplications,
  ${NEW_ROLES_MATCHED_COLUMN} AS newRolesMatched`;

const SUMMARY_SQL = `
SELECT
  ${AT_A_GLANCE_COLUMNS},
  (SELECT COUNT(*) FROM messages m WHERE m.recipientId = viewer.id) AS messages,
  ac.allCount, ac.invitesCount, ac.draftsCount, ac.activeCount, ac.auditionsCount, ac.archivedCount,
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
    COUNT(*) AS allCount,
    ${countWhen(APPLICATION_FILTER_CONDITION.INVITES)} AS invitesCount,
    ${countWhen(APPLICATION_FILTER_CONDITION.DRAFTS)} AS draftsCount,
    ${countWhen(APPLICATION_FILTER_CONDITION.ACTIVE)} AS activeCount,
    ${countWhen(APPLICATION_FILTER_CONDITION.AUDITIONS)} AS auditionsCount,
    ${countWhen(APPLICATION_FILTER_CONDITION.ARCHIVED)} AS archivedCount
  ${APPLICATIONS_WITH_PRODUCTION}
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

type SummaryRow = Record<string, unknown>;

/** Reads the whole summary of one talent's dashboard; null when there is no such user. */
export async function loadDashboardSummary(
  db: DataSource,
  talentId: number,
  now: Date,
): Promise<DashboardSummary | null> {
  const [row] = await runSql<SummaryRow>(db, SUMMARY_SQL, { talentId, now });
  if (!row) return null;
  const n = (column: string) => toNumber(row[column]);
  return {
    atAGlance: atAGlanceFromRow(row),
    applicationCounts: {
      [ApplicationFilter.ALL]: n("allCount"),
      [ApplicationFilter.INVITES]: n("invitesCount"),
      [ApplicationFilter.DRAFTS]: n("draftsCount"),
      [ApplicationFilter.ACTIVE]: n("activeCount"),
      [ApplicationFilter.AUDITIONS]: n("auditionsCount"),
      [ApplicationFilter.ARCHIVED]: n("archivedCount"),
    },
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

/** The At a Glance counts out of a row that has the AT_A_GLANCE_COLUMNS. */
export function atAGlanceFromRow(row: SummaryRow): AtAGlanceCounts {
  return {
    newMessages: toNumber(row.newMessages),
    newInvitations: toNumber(row.newInvitations),
    auditionRequests: toNumber(row.auditionRequests),
    draftApplications: toNumber(row.draftApplications),
    newRolesMatched: toNumber(row.newRolesMatched),
  };
}
