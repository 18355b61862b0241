import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AccountType } from "../entities/enums";
import { Message } from "../entities/message.entity";
import { ProductionView } from "../entities/production-view.entity";
import type { Context } from "../src/context";
import type { Page } from "../src/pagination/page";
import { scoreProfile } from "../src/domain/profile-score";
import {
  ApplicationsArgs,
  MatchedRolesArgs,
  MessagesArgs,
  RecentlyViewedArgs,
  RecentMessagesArgs,
} from "./inputs/page.args";
import { summaryOf } from "./dashboard-summary";
import { ApplicationCounts } from "./types/application-counts.type";
import { AtAGlance } from "./types/at-a-glance.type";
import { ApplicationConnection, MessageConnection, RoleConnection } from "./types/connections";
import { MediaLocker } from "./types/media-locker.type";
import { ofTalent } from "./types/one-per-talent";
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
    return ofTalent(viewer!.id, { talentId: viewer!.id });
  }

  @FieldResolver(() => AtAGlance)
  async atAGlance(@Root() { talentId }: TalentDashboard, @Ctx() { loaders }: Context): Promise<AtAGlance> {
    return ofTalent(talentId, (await summaryOf(loaders, talentId)).atAGlance);
  }

  @FieldResolver(() => ApplicationCounts)
  async applicationCounts(
    @Root() { talentId }: TalentDashboard,
    @Ctx() { loaders }: Context,
  ): Promise<ApplicationCounts> {
    return ofTalent(talentId, (await summaryOf(loaders, talentId)).applicationCounts);
  }

  @FieldResolver(() => ApplicationConnection)
  applications(@Root() { talentId }: TalentDashboard, @Args() args: ApplicationsArgs, @Ctx() { queries }: Context) {
    return queries.applicationsPage({ talentId, filter: args.filter, first: args.first, after: args.after });
  }

  @FieldResolver(() => ProfileCompletion)
  async profile(@Root() { talentId }: TalentDashboard, @Ctx() { loaders }: Context): Promise<ProfileCompletion> {
    return ofTalent(talentId, scoreProfile((await summaryOf(loaders, talentId)).profile));
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
  async mediaLocker(@Root() { talentId }: TalentDashboard, @Ctx() { loaders }: Context): Promise<MediaLocker> {
    return ofTalent(talentId, (await summaryOf(loaders, talentId)).media);
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
