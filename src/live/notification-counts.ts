import type { AtAGlanceCounts } from "../domain/dashboard-summary";

/** The five At a Glance counts, as the live layer pushes them: the dashboard's own shape. */
export type NotificationCounts = AtAGlanceCounts;

export function sameCounts(a: NotificationCounts, b: NotificationCounts): boolean {
  return (
    a.newMessages === b.newMessages &&
    a.newInvitations === b.newInvitations &&
    a.auditionRequests === b.auditionRequests &&
    a.draftApplications === b.draftApplications &&
    a.newRolesMatched === b.newRolesMatched
  );
}
