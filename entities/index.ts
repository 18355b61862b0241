import { Application } from "./application.entity";
import { AuditionRequest } from "./audition-request.entity";
import { Invitation } from "./invitation.entity";
import { MediaItem } from "./media-item.entity";
import { Message } from "./message.entity";
import { ProductionView } from "./production-view.entity";
import { Production } from "./production.entity";
import { RoleMatchSettlement } from "./role-match-settlement.entity";
import { Role } from "./role.entity";
import { TalentCredit } from "./talent-credit.entity";
import { TalentProfile } from "./talent-profile.entity";
import { TalentSkill } from "./talent-skill.entity";
import { User } from "./user.entity";

export * from "./enums";
export {
  Application,
  AuditionRequest,
  Invitation,
  MediaItem,
  Message,
  Production,
  ProductionView,
  Role,
  RoleMatchSettlement,
  TalentCredit,
  TalentProfile,
  TalentSkill,
  User,
};

/** Every entity, in the order the data source registers them. */
export const allEntities = [
  User,
  TalentProfile,
  TalentSkill,
  TalentCredit,
  MediaItem,
  Production,
  Role,
  Application,
  Invitation,
  AuditionRequest,
  Message,
  ProductionView,
  RoleMatchSettlement,
];
