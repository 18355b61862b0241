import type {
  Application,
  AuditionRequest,
  Invitation,
  MediaItem,
  Message,
  Production,
  ProductionView,
  Role,
  TalentCredit,
  TalentProfile,
  TalentSkill,
  User,
} from "../../entities";

/*
 * The seed writes plain rows, not entities: the same columns, without the
 * relation properties, so a column added to an entity shows up here as a type error.
 */

export type UserRow = User;
export type TalentProfileRow = Omit<TalentProfile, "talent">;
export type TalentSkillRow = Omit<TalentSkill, "talent">;
export type TalentCreditRow = Omit<TalentCredit, "talent">;
export type MediaItemRow = Omit<MediaItem, "talent">;
export type ProductionRow = Omit<Production, "castingDirector">;
/** Seeded roles are counted in the seeded kept counts: their fan-out mark is the column's default, FANNED_OUT. */
export type RoleRow = Omit<Role, "production" | "countedThroughTalentId">;
export type ApplicationRow = Omit<Application, "talent" | "role">;
export type InvitationRow = Omit<Invitation, "application" | "talent" | "role" | "castingDirector">;
export type AuditionRequestRow = Omit<AuditionRequest, "application" | "talent" | "castingDirector">;
export type MessageRow = Omit<Message, "sender" | "recipient" | "production">;
export type ProductionViewRow = Omit<ProductionView, "talent" | "production">;

/** Rows to insert, by table name. */
export interface RowsByTable {
  users: UserRow[];
  talent_profiles: TalentProfileRow[];
  talent_skills: TalentSkillRow[];
  talent_credits: TalentCreditRow[];
  media_items: MediaItemRow[];
  productions: ProductionRow[];
  roles: RoleRow[];
  applications: ApplicationRow[];
  invitations: InvitationRow[];
  audition_requests: AuditionRequestRow[];
  messages: MessageRow[];
  production_views: ProductionViewRow[];
}

export type TableName = keyof RowsByTable;

/** How many rows the seed inserted into each table. */
export type SeedCounts = Record<TableName, number>;

/** Every table, parents before children: the order to insert in (reverse it to delete). */
export const TABLES_PARENTS_FIRST: readonly TableName[] = [
  "users",
  "talent_profiles",
  "talent_skills",
  "talent_credits",
  "media_items",
  "productions",
  "roles",
  "applications",
  "invitations",
  "audition_requests",
  "messages",
  "production_views",
];

export function emptyRows(): RowsByTable {
  return {
    users: [],
    talent_profiles: [],
    talent_skills: [],
    talent_credits: [],
    media_items: [],
    productions: [],
    roles: [],
    applications: [],
    invitations: [],
    audition_requests: [],
    messages: [],
    production_views: [],
  };
}
