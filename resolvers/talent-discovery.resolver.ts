import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { AccountType } from "../entities/enums";
import { ProductionView } from "../entities/production-view.entity";
import type { Context } from "../src/context";
import { freshSummary } from "./dashboard-summary";
import { AtAGlance } from "./types/at-a-glance.type";
import { ofTalent } from "./types/one-per-talent";

/** What a talent's browsing records: productions viewed, matched roles seen. */
@Resolver()
export class TalentDiscoveryResolver {
  @Authorized(AccountType.TALENT)
  @Mutation(() => ProductionView)
  recordProductionView(
    @Arg("productionId", () => ID) productionId: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<ProductionView> {
    return services.mutations.discovery.recordProductionView(viewer!.id, productionId);
  }

  /** Answers with the At a Glance counts read after the mark moved: newRolesMatched starts again from 0. */
  @Authorized(AccountType.TALENT)
  @Mutation(() => AtAGlance)
  async markRolesMatchedSeen(@Ctx() { viewer, services, loaders }: Context): Promise<AtAGlance> {
    await services.mutations.discovery.markRolesMatchedSeen(viewer!.id);
    return ofTalent(viewer!.id, (await freshSummary(loaders, viewer!.id)).atAGlance);
  }
}
