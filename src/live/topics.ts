/*
 * Every topic name, in one place. Per-talent topics carry the talent id from
 * the authenticated viewer; no client argument ever picks a topic.
 */
export const topics = {
  messageReceived: (talentId: number) => `talent:${talentId}:message-received`,
  invitationReceived: (talentId: number) => `talent:${talentId}:invitation-received`,
  auditionRequested: (talentId: number) => `talent:${talentId}:audition-requested`,
  /** Something behind the talent's counts changed: recount if subscribed. */
  countsChanged: (talentId: number) => `talent:${talentId}:counts-changed`,
  /** A role was added anywhere: each instance checks it against its own subscribers. */
  roleAdded: () => "roles:added",
} as const;
