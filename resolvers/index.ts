import type { NonEmptyArray } from "type-graphql";
import { AccountResolver } from "./account.resolver";
import { ApplicationResolver } from "./application.resolver";
import { AuditionRequestResolver } from "./audition-request.resolver";
import { CastingCallResolver } from "./casting-call.resolver";
import { CastingLiveResolver } from "./casting-live.resolver";
import { CastingResolver } from "./casting.resolver";
import { CastingReviewResolver } from "./casting-review.resolver";
import { CastingWorkspaceResolver } from "./casting-workspace.resolver";
import { ConversationResolver } from "./conversation.resolver";
import { DashboardResolver } from "./dashboard.resolver";
import { InvitationResolver } from "./invitation.resolver";
import { LiveResolver } from "./live.resolver";
import { MessageResolver } from "./message.resolver";
import { MessagingResolver } from "./messaging.resolver";
import { ProductionViewResolver } from "./production-view.resolver";
import { ProductionResolver } from "./production.resolver";
import { RoleResolver } from "./role.resolver";
import { TalentApplicationsResolver } from "./talent-applications.resolver";
import { TalentDiscoveryResolver } from "./talent-discovery.resolver";
import { TalentProfileResolver } from "./talent-profile.resolver";
import { TalentPublicProfileResolver } from "./talent-public-profile.resolver";

/** Every resolver class of the schema. */
export const resolvers: NonEmptyArray<Function> = [
  AccountResolver,
  DashboardResolver,
  ConversationResolver,
  CastingCallResolver,
  CastingWorkspaceResolver,
  ApplicationResolver,
  RoleResolver,
  ProductionResolver,
  InvitationResolver,
  AuditionRequestResolver,
  MessageResolver,
  ProductionViewResolver,
  LiveResolver,
  CastingLiveResolver,
  CastingResolver,
  CastingReviewResolver,
  MessagingResolver,
  TalentApplicationsResolver,
  TalentProfileResolver,
  TalentDiscoveryResolver,
  TalentPublicProfileResolver,
];
