/**
 * The five At a Glance counts, as the live layer pushes them. The readers
 * passed in return this shape; the dashboard's own type matches it.
 */
export interface NotificationCounts {
  readonly newMessages: number;
  readonly newInvitations: number;
  readonly auditionRequests: number;
  readonly draftApplications: number;
  readonly newRolesMatched: number;
}

export function sameCounts(a: NotificationCounts, b: NotificationCounts): boolean {
  return (
    a.newMessages === b.newMessages &&
    a.newInvitations === b.newInvitations &&
    a.auditionRequests === b.auditionRequests &&
    a.draftApplications === b.draftApplications &&
    a.newRolesMatched === b.newRolesMatched
  );
}
