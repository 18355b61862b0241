import type { DataSource } from "typeorm";
import type { Loaders } from "../loaders";
import type { CursorCodec } from "../pagination/cursor";
import { loadApplicationsPage, type ApplicationsPageArgs } from "./applications-page.query";
import { loadCastingAtAGlance } from "./casting-at-a-glance.query";
import { loadDirectorProductionsPage, type DirectorProductionsPageArgs } from "./director-productions-page.query";
import { createRoleApplicationsPages } from "./role-applications-pages.query";
import { loadConversationPage, type ConversationPageArgs } from "./conversation-page.query";
import { loadMatchedRolesPage, type MatchedRolesPageArgs } from "./matched-roles-page.query";
import { loadMessagesPage, type MessagesPageArgs } from "./messages-page.query";
import { loadRecentViews } from "./recent-views.query";
import { loadVisibleProduction, type ProductionViewer } from "./visible-production.query";

/**
 * The list queries of the dashboard and the pages its links open, bound to one operation's loaders (which
 * they prime with the parents they join) and clock.
 */
export function createQueries(deps: { db: DataSource; loaders: Loaders; cursors: CursorCodec; now: Date }) {
  return {
    castingAtAGlance: (directorId: number) => loadCastingAtAGlance(deps.db, directorId),
    directorProductionsPage: (args: DirectorProductionsPageArgs) => loadDirectorProductionsPage(deps, args),
    roleApplicationsPage: createRoleApplicationsPages(deps),
    applicationsPage: (args: ApplicationsPageArgs) => loadApplicationsPage(deps, args),
    messagesPage: (args: MessagesPageArgs) => loadMessagesPage(deps, args),
    conversationPage: (args: ConversationPageArgs) => loadConversationPage(deps, args),
    matchedRolesPage: (args: MatchedRolesPageArgs) => loadMatchedRolesPage(deps, args),
    recentViews: (talentId: number, first: number) => loadRecentViews(deps, talentId, first),
    visibleProduction: (viewer: ProductionViewer, productionId: number) =>
      loadVisibleProduction(deps, viewer, productionId),
  };
}

export type Queries = ReturnType<typeof createQueries>;
