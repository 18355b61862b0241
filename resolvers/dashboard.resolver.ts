import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AccountType, ApplicationFilter } from "../entities/enums";
import { Message } from "../entities/message.entity";
import { ProductionView } from "../entities/production-view.entity";
import type { Context } from "../src/context";
import { UnauthenticatedError } from "../src/errors";
import type { Page } from "../src/pagination/page";
import type { DashboardSummary } from "../src/queries/dashboard-summary.query";
import { scoreProfile } from "../src/queries/profile-score";
import {
  ApplicationsArgs,
  MatchedRolesArgs,
  MessagesArgs,
  RecentlyViewedArgs,
  RecentMessagesArgs,
} from "./inputs/page.args";
import { ApplicationCounts } from "./types/application-counts.type";
import { AtAGlance } from "./types/at-a-glance.type";
import { ApplicationConnection, MessageConnection, RoleConnection } from "./types/connections";
import { MediaLocker } from "./types/media-locker.type";
import { ProfileCompletion } from "./types/profile-completion.type";
import { TalentDashboard } from "./types/talent-dashboard.type";

/**
 * The talent's dashboard. Every field reads the viewer's own rows only: the
 * talent id comes from the token, never from an argument.
 */
@Resolver(() => TalentDashboard)
export class DashboardResolver {
  @Authorized(AccountType.TALENT)
  @Query(() => TalentDashboard, { description: "The signed-in talent's whole dashboard: one request, one round trip." })
  dashboard(@Ctx() { viewer }: Context): TalentDashboard {
    return { talentId: viewer!.id };
  }

  @FieldResolver(() => AtAGlance)
  async atAGlance(@Root() { talentId }: TalentDashboard, @Ctx() ctx: Context): Promise<AtAGlance> {
    return (await summaryOf(talentId, ctx)).atAGlance;
  }

  @FieldResolver(() => ApplicationCounts)
  async applicationCounts(@Root() { talentId }: TalentDashboard, @Ctx() ctx: Context): Promise<ApplicationCounts> {
    const counts = (await summaryOf(talentId, ctx)).applicationCounts;
    return {
      all: counts[ApplicationFilter.ALL],
      invites: counts[ApplicationFilter.INVITES],
      drafts: counts[ApplicationFilter.DRAFTS],
      active: counts[ApplicationFilter.ACTIVE],
      auditions: counts[ApplicationFilter.AUDITIONS],
      archived: counts[ApplicationFilter.ARCHIVED],
    };
  }

  @FieldResolver(() => ApplicationConnection)
  applications(@Root() { talentId }: TalentDashboard, @Args() args: ApplicationsArgs, @Ctx() { queries }: Context) {
    return queries.applicationsPage({ talentId, filter: args.filter, first: args.first, after: args.after });
  }

  @FieldResolver(() => ProfileCompletion)
  async profile(@Root() { talentId }: TalentDashboard, @Ctx() ctx: Context): Promise<ProfileCompletion> {
    return scoreProfile((await summaryOf(talentId, ctx)).profile);
  }

  @FieldResolver(() => [Message])
  async recentMessages(
    @Root() { talentId }: TalentDashboard,
    @Args() { first }: RecentMessagesArgs,
    @Ctx() { queries }: Context,
  ): Promise<Message[]> {
    const page = await queries.messagesPage({ talentId, first });
    return page.edges.map((edge) => edge.node);
  }

  @FieldResolver(() => MessageConnection)
  messages(
    @Root() { talentId }: TalentDashboard,
    @Args() args: MessagesArgs,
    @Ctx() { queries }: Context,
  ): Promise<Page<Message>> {
    return queries.messagesPage({ talentId, first: args.first, after: args.after });
  }

  @FieldResolver(() => RoleConnection)
  matchedRoles(@Root() { talentId }: TalentDashboard, @Args() args: MatchedRolesArgs, @Ctx() { queries }: Context) {
    return queries.matchedRolesPage({ talentId, first: args.first, after: args.after });
  }

  @FieldResolver(() => MediaLocker)
  async mediaLocker(@Root() { talentId }: TalentDashboard, @Ctx() ctx: Context): Promise<MediaLocker> {
    return (await summaryOf(talentId, ctx)).media;
  }

  @FieldResolver(() => [ProductionView])
  recentlyViewedProductions(
    @Root() { talentId }: TalentDashboard,
    @Args() { first }: RecentlyViewedArgs,
    @Ctx() { queries }: Context,
  ): Promise<ProductionView[]> {
    return queries.recentViews(talentId, first);
  }
}

async function summaryOf(talentId: number, { loaders }: Context): Promise<DashboardSummary> {
  const summary = await loaders.dashboardSummaryByTalentId.load(talentId);
  // The token outlived its account: nothing to show, and nobody to show it to.
  if (!summary) throw new UnauthenticatedError("The signed-in account no longer exists");
  return summary;
}
