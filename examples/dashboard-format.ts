import type { DashboardSummaryQuery, LiveCountsSubscription } from "./generated/operations";

/* How the example prints what it received: plain lines for a terminal. */

type Dashboard = DashboardSummaryQuery["dashboard"];
type Counts = LiveCountsSubscription["notificationCounts"];

export function formatCounts(counts: Counts): string {
  return [
    plural(counts.newMessages, "new message"),
    plural(counts.newInvitations, "new invitation"),
    plural(counts.auditionRequests, "audition request"),
    plural(counts.draftApplications, "draft application"),
    plural(counts.newRolesMatched, "new matching role"),
  ].join(", ");
}

export function formatDashboard(dashboard: Dashboard): string[] {
  const { atAGlance, applications, recentMessages } = dashboard;
  return [
    "",
    `At a glance: ${formatCounts(atAGlance)}`,
    "",
    `Applications (${applications.totalCount}):`,
    ...applications.edges.map(
      ({ node }) => `  ${node.status.padEnd(9)} ${node.role.name} · ${node.role.production.title}`,
    ),
    "",
    `Recent messages (${recentMessages.length}):`,
    ...recentMessages.map((message) => `  ${message.unread ? "*" : " "} ${message.sender.name}: ${message.preview}`),
  ];
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
