import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Production } from "../entities/production.entity";
import { ProductionView } from "../entities/production-view.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";

@Resolver(() => ProductionView)
export class ProductionViewResolver {
  @FieldResolver(() => Production)
  async production(@Root() view: ProductionView, @Ctx() { loaders }: Context): Promise<Production> {
    return required(await loaders.productionById.load(view.productionId), `Production ${view.productionId}`);
  }
}
