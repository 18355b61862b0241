import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import { AccountType } from "../entities/enums";
import { Invitation } from "../entities/invitation.entity";
import { Role } from "../entities/role.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";
import { streamCursorDescription, streamCursorOf } from "./stream-cursor-field";
import { publicProfileOf, TalentPublicProfile } from "./types/talent-public-profile.type";

@Resolver(() => Application)
export class ApplicationResolver {
  @FieldResolver(() => String, {
    description:
      streamCursorDescription("applicationSubmitted") +
      " Only casting directors have that stream: a talent's cursor here is valid, but no subscription takes it.",
  })
  streamCursor(@Root() application: Application, @Ctx() context: Context): string {
    return streamCursorOf(context, "applicationSubmitted", application);
  }

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

  @FieldResolver(() => TalentPublicProfile, {
    description: "Who applied (or was invited), as casting directors see them.",
  })
  async talent(@Root() application: Application, @Ctx() { loaders }: Context): Promise<TalentPublicProfile> {
    const profile = await loaders.talentPublicProfileByTalentId.load(application.talentId);
    return publicProfileOf(required(profile, `Talent ${application.talentId}`));
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "For the production's casting director: whether they have opened this submitted application " +
      "(markApplicationSeen). Null for anyone else.",
  })
  async seenByCastingDirector(@Root() application: Application, @Ctx() { viewer, loaders }: Context) {
    if (viewer?.accountType !== AccountType.CASTING_DIRECTOR) return null;
    const role = await loaders.roleById.load(application.roleId);
    const production = role && (await loaders.productionById.load(role.productionId));
    return production?.castingDirectorId === viewer.id ? application.seenAt !== null : null;
  }
}
