import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Production } from "../entities/production.entity";
import { Role } from "../entities/role.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => Production)
  async production(@Root() role: Role, @Ctx() { loaders }: Context): Promise<Production> {
    return required(await loaders.productionById.load(role.productionId), `Production ${role.productionId}`);
  }
}
