import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { Production } from "../entities/production.entity";
import type { Context } from "../src/context";
import { isRowId } from "../src/domain/row-id";

/** The casting call page a production in the dashboard's lists leads to. */
@Resolver()
export class CastingCallResolver {
  @Authorized()
  @Query(() => Production, {
    nullable: true,
    description:
      "A casting call: for talent any open production, and a closed one they applied to, were invited to or " +
      "viewed; for a casting director their own. Null when there is none the viewer may see.",
  })
  production(@Arg("id", () => ID) id: string, @Ctx() { viewer, queries }: Context): Promise<Production | null> | null {
    // An id that names no row reads like any missing production.
    return isRowId(id) ? queries.visibleProduction(viewer!, Number(id)) : null;
  }
}
