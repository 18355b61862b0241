import type { DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { AuditionRequest } from "../../entities/audition-request.entity";
import { Invitation } from "../../entities/invitation.entity";
import { Message } from "../../entities/message.entity";
import { Production } from "../../entities/production.entity";
import { Role } from "../../entities/role.entity";
import { createApplicationByTalentAndRoleLoader } from "./application-by-talent-and-role.loader";
import { createAuditionRequestsByApplicationIdLoader } from "./audition-requests-by-application-id.loader";
import { createByIdLoader } from "./by-id.loader";
import { createCreditsByTalentIdLoader } from "./credits-by-talent-id.loader";
import { createDashboardSummaryByTalentIdLoader } from "./dashboard-summary-by-talent-id.loader";
import { createHeadshotByTalentIdLoader } from "./headshot-by-talent-id.loader";
import { createInvitationByApplicationIdLoader } from "./invitation-by-application-id.loader";
import { createRoleMatchesTalentLoader } from "./role-matches-talent.loader";
import { createRolesByProductionIdLoader } from "./roles-by-production-id.loader";
import { createSkillsByTalentIdLoader } from "./skills-by-talent-id.loader";
import { createTalentPublicProfileByTalentIdLoader } from "./talent-public-profile-by-talent-id.loader";
import { createUserByIdLoader } from "./user-by-id.loader";

/**
 * Every loader, created afresh per request (and per subscription event), so no
 * cache outlives the operation that filled it. `now` is the operation's clock.
 *
 * The by-id loaders are not scoped to a viewer: only nested fields use them,
 * under a parent whose ownership the query that loaded it already checked.
 */
export function createLoaders(db: DataSource, now: Date) {
  return {
    userById: createUserByIdLoader(db),
    roleById: createByIdLoader(db, Role),
    productionById: createByIdLoader(db, Production),
    applicationById: createByIdLoader(db, Application),
    messageById: createByIdLoader(db, Message),
    invitationById: createByIdLoader(db, Invitation),
    auditionRequestById: createByIdLoader(db, AuditionRequest),
    invitationByApplicationId: createInvitationByApplicationIdLoader(db),
    auditionRequestsByApplicationId: createAuditionRequestsByApplicationIdLoader(db),
    rolesByProductionId: createRolesByProductionIdLoader(db),
    applicationByTalentAndRole: createApplicationByTalentAndRoleLoader(db),
    roleMatchesTalent: createRoleMatchesTalentLoader(db),
    talentPublicProfileByTalentId: createTalentPublicProfileByTalentIdLoader(db),
    headshotByTalentId: createHeadshotByTalentIdLoader(db),
    skillsByTalentId: createSkillsByTalentIdLoader(db),
    creditsByTalentId: createCreditsByTalentIdLoader(db),
    dashboardSummaryByTalentId: createDashboardSummaryByTalentIdLoader(db, now),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
