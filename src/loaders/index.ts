import type { DataSource } from "typeorm";
import { createApplicationByIdLoader } from "./application-by-id.loader";
import { createAuditionRequestsByApplicationIdLoader } from "./audition-requests-by-application-id.loader";
import { createDashboardSummaryByTalentIdLoader } from "./dashboard-summary-by-talent-id.loader";
import { createInvitationByApplicationIdLoader } from "./invitation-by-application-id.loader";
import { createProductionByIdLoader } from "./production-by-id.loader";
import { createRoleByIdLoader } from "./role-by-id.loader";
import { createRolesByProductionIdLoader } from "./roles-by-production-id.loader";
import { createUserByIdLoader } from "./user-by-id.loader";

/**
 * Every loader, created afresh per request (and per subscription event), so no
 * cache outlives the operation that filled it. `now` is the operation's clock.
 */
export function createLoaders(db: DataSource, now: Date) {
  return {
    userById: createUserByIdLoader(db),
    roleById: createRoleByIdLoader(db),
    productionById: createProductionByIdLoader(db),
    applicationById: createApplicationByIdLoader(db),
    invitationByApplicationId: createInvitationByApplicationIdLoader(db),
    auditionRequestsByApplicationId: createAuditionRequestsByApplicationIdLoader(db),
    rolesByProductionId: createRolesByProductionIdLoader(db),
    dashboardSummaryByTalentId: createDashboardSummaryByTalentIdLoader(db, now),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
