import { ApplicationStatus, AuditionRequestStatus } from "../../../entities/enums";

/** A casting director's three counts, as the workspace and (later) their live feed read them. */
export interface CastingAtAGlanceCounts {
  /** Messages to the director that they have not read: the talents' replies. */
  unreadReplies: number;
  /** Submitted applications to the director's roles they have not opened yet. */
  newApplications: number;
  /** Self tapes submitted for the director's audition requests they have not watched yet. */
  newSelfTapes: number;
}

/**
 * One statement, three index range counts: unread messages (IDX_messages_recipient_read),
 * unseen submissions through the director's productions and roles (IDX_applications_role_unseen),
 * unseen tapes (IDX_audition_requests_director_unseen). Parameter :directorId.
 */
export const CASTING_AT_A_GLANCE_SQL = `
SELECT
  (SELECT COUNT(*) FROM messages m WHERE m.recipientId = :directorId AND m.readAt IS NULL) AS unreadReplies,
  (SELECT COUNT(*) FROM productions p
     JOIN roles r ON r.productionId = p.id
     JOIN applications a ON a.roleId = r.id AND a.status = '${ApplicationStatus.SUBMITTED}' AND a.seenAt IS NULL
   WHERE p.castingDirectorId = :directorId) AS newApplications,
  (SELECT COUNT(*) FROM audition_requests ar
   WHERE ar.castingDirectorId = :directorId AND ar.status = '${AuditionRequestStatus.SUBMITTED}'
     AND ar.tapeSeenAt IS NULL) AS newSelfTapes`;

export function castingAtAGlanceFromRow(row: Record<string, unknown>): CastingAtAGlanceCounts {
  return {
    unreadReplies: Number(row.unreadReplies),
    newApplications: Number(row.newApplications),
    newSelfTapes: Number(row.newSelfTapes),
  };
}
