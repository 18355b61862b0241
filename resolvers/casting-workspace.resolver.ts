import { Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { AccountType } from "../entities/enums";
import type { Production } from "../entities/production.entity";
import type { Context } from "../src/context";
import type { Page } from "../src/pagination/page";
import { ProductionsPageArgs } from "./inputs/productions-page.args";
import { CastingAtAGlance, CastingWorkspace } from "./types/casting-workspace.type";
import { ProductionConnection } from "./types/connections";

/**
 * The casting director's workspace, in the spirit of the dashboard: one query
 * tree, every field reading the viewer's own rows (the director id comes from
 * the token, never from an argument).
 */
@Resolver(() => CastingWorkspace)
export class CastingWorkspaceResolver {
  @Authorized(AccountType.CASTING_DIRECTOR)
  @Query(() => CastingWorkspace, {
    description: "The signed-in casting director's workspace: one request, one round trip. FORBIDDEN for talent.",
  })
  castingWorkspace(@Ctx() { viewer }: Context): CastingWorkspace {
    return { id: String(viewer!.id), directorId: viewer!.id };
  }

  @FieldResolver(() => CastingAtAGlance)
  async atAGlance(@Root() { directorId }: CastingWorkspace, @Ctx() { queries }: Context): Promise<CastingAtAGlance> {
    return { id: String(directorId), ...(await queries.castingAtAGlance(directorId)) };
  }

  @FieldResolver(() => ProductionConnection, { description: "The director's productions, newest first." })
  productions(
    @Root() { directorId }: CastingWorkspace,
    @Args() args: ProductionsPageArgs,
    @Ctx() { queries }: Context,
  ): Promise<Page<Production>> {
    return queries.directorProductionsPage({ directorId, first: args.first, after: args.after });
  }
}
