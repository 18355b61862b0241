import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Application } from "../entities/application.entity";
import { Invitation } from "../entities/invitation.entity";
import { Role } from "../entities/role.entity";
import { User, type PublicUser } from "../entities/user.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";
import { streamCursorDescription, streamCursorOf } from "./stream-cursor-field";

@Resolver(() => Invitation)
export class InvitationResolver {
  @FieldResolver(() => String, { description: streamCursorDescription("invitationReceived") })
  streamCursor(@Root() invitation: Invitation, @Ctx() context: Context): string {
    return streamCursorOf(context, "invitationReceived", invitation);
  }

  @FieldResolver(() => Role)
  async role(@Root() invitation: Invitation, @Ctx() { loaders }: Context): Promise<Role> {
    return required(await loaders.roleById.load(invitation.roleId), `Role ${invitation.roleId}`);
  }

  @FieldResolver(() => User)
  async castingDirector(@Root() invitation: Invitation, @Ctx() { loaders }: Context): Promise<PublicUser> {
    return required(await loaders.userById.load(invitation.castingDirectorId), `User ${invitation.castingDirectorId}`);
  }

  @FieldResolver(() => Application)
  async application(@Root() invitation: Invitation, @Ctx() { loaders }: Context): Promise<Application> {
    return required(
      await loaders.applicationById.load(invitation.applicationId),
      `Application ${invitation.applicationId}`,
    );
  }
}
