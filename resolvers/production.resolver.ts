import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Production } from "../entities/production.entity";
import { Role } from "../entities/role.entity";
import { User, type PublicUser } from "../entities/user.entity";
import type { Context } from "../src/context";
import { isOpen } from "../src/domain/open";
import { required } from "./not-null";

@Resolver(() => Production)
export class ProductionResolver {
  @FieldResolver(() => Boolean, { description: "False once the casting call has expired." })
  isOpen(@Root() production: Production, @Ctx() { now }: Context): boolean {
    return isOpen(production, now);
  }

  @FieldResolver(() => User)
  async castingDirector(@Root() production: Production, @Ctx() { loaders }: Context): Promise<PublicUser> {
    return required(await loaders.userById.load(production.castingDirectorId), `User ${production.castingDirectorId}`);
  }

  @FieldResolver(() => [Role])
  roles(@Root() production: Production, @Ctx() { loaders }: Context): Promise<Role[]> {
    return loaders.rolesByProductionId.load(production.id);
  }
}
