import type { NonEmptyArray } from "type-graphql";
import { AccountResolver } from "./account.resolver";
import { ApplicationResolver } from "./application.resolver";
import { AuditionRequestResolver } from "./audition-request.resolver";
import { DashboardResolver } from "./dashboard.resolver";
import { InvitationResolver } from "./invitation.resolver";
import { MessageResolver } from "./message.resolver";
import { ProductionViewResolver } from "./production-view.resolver";
import { ProductionResolver } from "./production.resolver";
import { RoleResolver } from "./role.resolver";

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [
  AccountResolver,
  DashboardResolver,
  ApplicationResolver,
  RoleResolver,
  ProductionResolver,
  InvitationResolver,
  AuditionRequestResolver,
  MessageResolver,
  ProductionViewResolver,
];
