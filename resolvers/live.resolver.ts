import { Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import { AccountType } from "../entities/enums";
import { AuditionRequest } from "../entities/audition-request.entity";
import { Invitation } from "../entities/invitation.entity";
import { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import { ForbiddenError, NotFoundError, ServiceUnavailableError, UnauthenticatedError } from "../src/errors";
import type { AuditionRequested, CountsUpdate, InvitationReceived, MessageReceived } from "../src/live/live-feeds";
import { AtAGlance } from "./types/at-a-glance.type";
import { ofTalent } from "./types/one-per-talent";

/**
 * Talent-only, and routed by the authenticated viewer's id: no argument can
 * point a subscription at another talent's feed. (Checked in `subscribe`,
 * which TypeGraphQL's @Authorized does not guard.)
 */
function talentOf(context: Context): number {
  if (!context.viewer) throw new UnauthenticatedError();
  if (context.viewer.accountType !== AccountType.TALENT)
    throw new ForbiddenError("Subscriptions are for talent accounts only");
  return context.viewer.id;
}

type Data = SubscribeResolverData<unknown, object, Context>;

@Resolver()
export class LiveResolver {
  @Subscription(() => AtAGlance, {
    description: "The signed-in talent's counts: the current values at once on subscribe, then each time one changes.",
    subscribe: ({ context }: Data) => context.services.live.notificationCounts(talentOf(context)),
  })
  notificationCounts(@Root() update: CountsUpdate, @Ctx() context: Context): AtAGlance {
    if ("unavailable" in update) {
      throw new ServiceUnavailableError(
        "The counts are unavailable right now; they will be sent again once they can be read",
      );
    }
    return ofTalent(talentOf(context), update);
  }

  @Subscription(() => Message, {
    subscribe: ({ context }: Data) => context.services.live.messagesReceived(talentOf(context), context.dropConnection),
  })
  async messageReceived(@Root() { messageId }: MessageReceived, @Ctx() { viewer, loaders }: Context): Promise<Message> {
    const message = await loaders.messageById.load(messageId);
    if (!message || message.recipientId !== viewer?.id) throw new NotFoundError("Message", messageId);
    return message;
  }

  @Subscription(() => Invitation, {
    subscribe: ({ context }: Data) =>
      context.services.live.invitationsReceived(talentOf(context), context.dropConnection),
  })
  async invitationReceived(
    @Root() { invitationId }: InvitationReceived,
    @Ctx() { viewer, loaders }: Context,
  ): Promise<Invitation> {
    const invitation = await loaders.invitationById.load(invitationId);
    if (!invitation || invitation.talentId !== viewer?.id) throw new NotFoundError("Invitation", invitationId);
    return invitation;
  }

  @Subscription(() => AuditionRequest, {
    subscribe: ({ context }: Data) =>
      context.services.live.auditionsRequested(talentOf(context), context.dropConnection),
  })
  async auditionRequested(
    @Root() { auditionRequestId }: AuditionRequested,
    @Ctx() { viewer, loaders }: Context,
  ): Promise<AuditionRequest> {
    const request = await loaders.auditionRequestById.load(auditionRequestId);
    if (!request || request.talentId !== viewer?.id) throw new NotFoundError("AuditionRequest", auditionRequestId);
    return request;
  }
}
