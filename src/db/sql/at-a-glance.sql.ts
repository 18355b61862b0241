import type { AtAGlanceCounts } from "../../domain/dashboard-summary";
import { NEW_ROLES_MATCHED_COLUMN } from "./role-match.sql";
import { toNumber } from "./row-values";

/**
 * At a Glance as scalar subqueries on the talent (`viewer`) and their profile
 * (`tp`), shared by the dashboard's summary and the live recount. newRolesMatched
 * is kept on the user row rather than counted here: the roles posted since a
 * talent's last look grow with the whole platform.
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

/** The At a Glance counts out of a row that has the AT_A_GLANCE_COLUMNS. */
export function atAGlanceFromRow(row: Record<string, unknown>): AtAGlanceCounts {
  return {
    newMessages: toNumber(row.newMessages),
    newInvitations: toNumber(row.newInvitations),
    auditionRequests: toNumber(row.auditionRequests),
    draftApplications: toNumber(row.draftApplications),
    newRolesMatched: toNumber(row.newRolesMatched),
  };
}
