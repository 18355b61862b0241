import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import { Invitation } from "../entities/invitation.entity";
import { Role } from "../entities/role.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";

@Resolver(() => Application)
export class ApplicationResolver {
  @FieldResolver(() => Role)
  async role(@Root() application: Application, @Ctx() { loaders }: Context): Promise<Role> {
    return required(await loaders.roleById.load(application.roleId), `Role ${application.roleId}`);
  }

  @FieldResolver(() => Invitation, { nullable: true })
  invitation(@Root() application: Application, @Ctx() { loaders }: Context): Promise<Invitation | null> {
    return loaders.invitationByApplicationId.load(application.id);
  }

  @FieldResolver(() => [AuditionRequest])
  auditionRequests(@Root() application: Application, @Ctx() { loaders }: Context): Promise<AuditionRequest[]> {
    return loaders.auditionRequestsByApplicationId.load(application.id);
  }
}
