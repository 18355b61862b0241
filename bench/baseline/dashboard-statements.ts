/*
 * The SQL the gateway sends for one Dashboard operation, copied verbatim from
 * its statement log (see the statement count in `npm run bench:dashboard`, which
 * also checks that these templates still match what the gateway sends). When the
 * gateway's statements change, change these with them and the row mapping in
 * dashboard-json.ts, or the bench refuses to compare the two.
 */

/** `?, ?, ?` for an IN list of the given ids. */
function placeholders(ids: readonly number[]): string {
  return ids.map(() => "?").join(", ");
}

/** src/db/sql/joined-rows.ts: a production the lists join as `p`, every column. */
const PRODUCTION_COLUMNS = [
  "p.id AS p_id, p.castingDirectorId AS p_castingDirectorId, p.title AS p_title,",
  "p.location AS p_location, p.expiresAt AS p_expiresAt, p.createdAt AS p_createdAt",
].join(" ");

/** src/db/sql/joined-rows.ts: a role the applications page joins as `r`, every column. */
const ROLE_COLUMNS = [
  "r.id AS r_id, r.productionId AS r_productionId, r.name AS r_name, r.description AS r_description,",
  "r.gender AS r_gender, r.ageMin AS r_ageMin, r.ageMax AS r_ageMax, r.location AS r_location,",
  "r.unionStatus AS r_unionStatus, r.createdAt AS r_createdAt, r.countedThroughTalentId AS r_countedThroughTalentId",
].join(" ");

/**
 * applications-page.query.ts: the first 10 (+1) applications, filter ALL, with role, production and
 * casting director; `?` the talent id, 11.
 */
export const APPLICATIONS_PAGE_SQL = [
  "SELECT a.id AS a_id, a.talentId AS a_talentId, a.roleId AS a_roleId, a.status AS a_status, a.coverLetter AS a_coverLetter,",
  "a.createdAt AS a_createdAt, a.updatedAt AS a_updatedAt, a.submittedAt AS a_submittedAt, a.seenAt AS a_seenAt,",
  ROLE_COLUMNS + ", " + PRODUCTION_COLUMNS + ", d.name AS d_name, d.accountType AS d_accountType",
  "FROM applications a JOIN roles r ON r.id = a.roleId JOIN productions p ON p.id = r.productionId",
  "JOIN users d ON d.id = p.castingDirectorId",
  "WHERE (a.talentId = ?) AND (1 = 1) ORDER BY a.updatedAt DESC, a.id DESC LIMIT ?",
].join(" ");

/** messages-page.query.ts: the 5 (+1) newest messages with sender and production (recentMessages); `?` the talent id, 6. */
export const MESSAGES_PAGE_SQL = [
  "SELECT m.id AS m_id, m.senderId AS m_senderId, m.productionId AS m_productionId, m.body AS m_body,",
  "m.sentAt AS m_sentAt, m.readAt AS m_readAt, sender.name AS sender_name, sender.accountType AS sender_accountType,",
  PRODUCTION_COLUMNS,
  "FROM messages m JOIN users sender ON sender.id = m.senderId LEFT JOIN productions p ON p.id = m.productionId",
  "WHERE m.recipientId = ? ORDER BY m.sentAt DESC, m.id DESC LIMIT ?",
].join(" ");

/** recent-views.query.ts: the 5 most recently viewed productions; `?` the talent id, 5. */
export const RECENT_VIEWS_SQL = [
  "SELECT v.viewedAt AS v_viewedAt,",
  PRODUCTION_COLUMNS,
  "FROM production_views v JOIN productions p ON p.id = v.productionId",
  "WHERE v.talentId = ? ORDER BY v.viewedAt DESC, v.productionId DESC LIMIT ?",
].join(" ");

/**
 * src/loaders/dashboard-summary-by-talent-id.loader.ts: every count of the dashboard in one statement
 * (the kept newRolesMatched, less what expired unsettled, plus the roles the fan-out has not reached
 * yet); `?` 1-7 are `now`, 8-10 the talent id.
 */
export const SUMMARY_SQL = `
SELECT
  
  (SELECT COUNT(*) FROM messages m WHERE m.recipientId = viewer.id AND m.readAt IS NULL) AS newMessages,
  (SELECT COUNT(*) FROM invitations i
     JOIN applications a ON a.id = i.applicationId
     JOIN roles r ON r.id = i.roleId
     JOIN productions p ON p.id = r.productionId
   WHERE i.talentId = viewer.id AND a.status = 'INVITED' AND p.expiresAt > ?) AS newInvitations,
  (SELECT COUNT(*) FROM audition_requests ar
   WHERE ar.talentId = viewer.id AND ar.status = 'REQUESTED' AND ar.dueAt > ?) AS auditionRequests,
  (SELECT COUNT(*) FROM applications a
     JOIN roles r ON r.id = a.roleId
     JOIN productions p ON p.id = r.productionId
   WHERE a.talentId = viewer.id AND a.status = 'DRAFT' AND p.expiresAt > ?) AS draftApplications,
  
  viewer.newRolesMatchedCount - (
    SELECT COUNT(*) FROM role_match_settlement s
    JOIN productions p ON p.expiresAt > s.settledThrough AND p.expiresAt <= ?
    JOIN roles r ON r.productionId = p.id
    WHERE s.id = 1 AND tp.talentId = viewer.id AND r.countedThroughTalentId >= viewer.id AND 
  r.createdAt > viewer.rolesMatchedSeenAt
  AND 
  (r.gender IS NULL OR r.gender = tp.gender)
  AND (
    (r.ageMin IS NULL AND r.ageMax IS NULL)
    OR (
      tp.playableAgeMin IS NOT NULL AND tp.playableAgeMax IS NOT NULL
      AND (r.ageMax IS NULL OR tp.playableAgeMin <= r.ageMax)
      AND (r.ageMin IS NULL OR tp.playableAgeMax >= r.ageMin)
    )
  )
  AND (r.location IS NULL OR LOWER(r.location) = LOWER(tp.location))
  AND (r.unionStatus IS NULL OR r.unionStatus = tp.unionStatus)
  AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = viewer.id AND own.roleId = r.id)
  ) + (
    SELECT COUNT(*) FROM roles r
    STRAIGHT_JOIN productions p ON p.id = r.productionId
    WHERE r.countedThroughTalentId < viewer.id AND p.expiresAt > ? AND tp.talentId = viewer.id
      AND 
  r.createdAt > viewer.rolesMatchedSeenAt
  AND 
  (r.gender IS NULL OR r.gender = tp.gender)
  AND (
    (r.ageMin IS NULL AND r.ageMax IS NULL)
    OR (
      tp.playableAgeMin IS NOT NULL AND tp.playableAgeMax IS NOT NULL
      AND (r.ageMax IS NULL OR tp.playableAgeMin <= r.ageMax)
      AND (r.ageMin IS NULL OR tp.playableAgeMax >= r.ageMin)
    )
  )
  AND (r.location IS NULL OR LOWER(r.location) = LOWER(tp.location))
  AND (r.unionStatus IS NULL OR r.unionStatus = tp.unionStatus)
  AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = viewer.id AND own.roleId = r.id)
  ) AS newRolesMatched,
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
    COALESCE(SUM(CASE WHEN a.status = 'INVITED' THEN 1 ELSE 0 END), 0) AS invitesCount,
    COALESCE(SUM(CASE WHEN a.status = 'DRAFT' THEN 1 ELSE 0 END), 0) AS draftsCount,
    COALESCE(SUM(CASE WHEN a.status = 'SUBMITTED' AND p.expiresAt > ? THEN 1 ELSE 0 END), 0) AS activeCount,
    COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM audition_requests ar WHERE ar.applicationId = a.id) THEN 1 ELSE 0 END), 0) AS auditionsCount,
    COALESCE(SUM(CASE WHEN p.expiresAt <= ? THEN 1 ELSE 0 END), 0) AS archivedCount
  FROM applications a
  JOIN roles ar_role ON ar_role.id = a.roleId
  JOIN productions p ON p.id = ar_role.productionId
  WHERE a.talentId = ?
) ac
CROSS JOIN (
  SELECT
    COALESCE(SUM(CASE WHEN kind = 'PHOTO' THEN 1 ELSE 0 END), 0) AS photos,
    COALESCE(SUM(CASE WHEN kind = 'VIDEO' THEN 1 ELSE 0 END), 0) AS videos,
    COALESCE(SUM(CASE WHEN kind = 'AUDIO' THEN 1 ELSE 0 END), 0) AS audio,
    COALESCE(SUM(CASE WHEN kind = 'DOCUMENT' THEN 1 ELSE 0 END), 0) AS documents,
    COALESCE(SUM(bytes), 0) AS bytesUsed,
    COALESCE(SUM(CASE WHEN kind = 'PHOTO' AND isPrimary = 1 THEN 1 ELSE 0 END), 0) AS headshots
  FROM media_items WHERE talentId = ?
) mc
WHERE viewer.id = ?`;

/** audition-requests-by-application-id.loader.ts: the audition requests of the page's applications. */
export const auditionRequestsSql = (ids: readonly number[]): string =>
  [
    "SELECT id, applicationId, talentId, castingDirectorId, instructions, dueAt, status, tapeUrl, createdAt,",
    "submittedAt, tapeSeenAt FROM audition_requests",
    "WHERE applicationId IN (" + placeholders(ids) + ") ORDER BY createdAt DESC, id DESC",
  ].join(" ");

/** Every template above, for comparing with the gateway's statement log. */
export const BASELINE_STATEMENTS: readonly string[] = [
  APPLICATIONS_PAGE_SQL,
  MESSAGES_PAGE_SQL,
  RECENT_VIEWS_SQL,
  SUMMARY_SQL,
  auditionRequestsSql([1]),
];

/**
 * A statement reduced to what matters for "is it the same SQL": no whitespace,
 * and every IN list shortened to one placeholder.
 */
export function statementShape(sql: string): string {
  return sql.replace(/\s+/g, "").replace(/IN\(\?(,\?)*\)/g, "IN(?)");
}
