import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { AuditionRequest } from "../entities/audition-request.entity";
import { AccountType } from "../entities/enums";
import { Invitation } from "../entities/invitation.entity";
import { Production } from "../entities/production.entity";
import { Role } from "../entities/role.entity";
import type { Context } from "../src/context";
import { AddRoleInput } from "./inputs/add-role.input";
import { CreateProductionInput } from "./inputs/create-production.input";
import { InviteToApplyInput } from "./inputs/invite-to-apply.input";
import { RequestAuditionInput } from "./inputs/request-audition.input";

/** What casting directors do: productions, roles, invitations, audition requests. */
@Resolver()
export class CastingResolver {
  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => Production)
  createProduction(
    @Arg("input") input: CreateProductionInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<Production> {
    return services.mutations.casting.createProduction(viewer!.id, input);
  }

  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => Role)
  addRole(@Arg("input") input: AddRoleInput, @Ctx() { viewer, services }: Context): Promise<Role> {
    return services.mutations.casting.addRole(viewer!.id, input);
  }

  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => Invitation)
  inviteToApply(@Arg("input") input: InviteToApplyInput, @Ctx() { viewer, services }: Context): Promise<Invitation> {
    return services.mutations.casting.inviteToApply(viewer!.id, input);
  }

  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => AuditionRequest)
  requestAudition(
    @Arg("input") input: RequestAuditionInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<AuditionRequest> {
    return services.mutations.casting.requestAudition(viewer!.id, input);
  }
}
