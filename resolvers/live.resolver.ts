import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import { AccountType } from "../entities/enums";
import { AuditionRequest } from "../entities/audition-request.entity";
import { Invitation } from "../entities/invitation.entity";
import { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import { NotFoundError } from "../src/errors";
import type { AuditionRequested, CountsUpdate, InvitationReceived, MessageReceived } from "../src/live/live-feeds";
import { AtAGlance } from "./types/at-a-glance.type";
import {
  AFTER_DESCRIPTION,
  countsOrThrow,
  pushed,
  resumeFrom,
  viewerOfType,
  type SubscribeData as Data,
} from "./subscription-viewer";
import { ofTalent } from "./types/one-per-talent";

/** The talent's own subscriptions (the casting director's are in casting-live.resolver.ts). */
const talentOf = (context: Context) => viewerOfType(context, AccountType.TALENT);

@Resolver()
export class LiveResolver {
  @Subscription(() => AtAGlance, {
    description: "The signed-in talent's counts: the current values at once on subscribe, then each time one changes.",
    subscribe: ({ context }: Data) => context.services.live.notificationCounts(talentOf(context)),
  })
  notificationCounts(@Root() update: CountsUpdate, @Ctx() context: Context): AtAGlance {
    return ofTalent(talentOf(context), countsOrThrow(update));
  }

  @Subscription(() => Message, {
    description: "Each message sent to the signed-in talent, as it arrives; with `after`, first the ones missed.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.messagesReceived(
        talentOf(context),
        context.dropConnection,
        resumeFrom(context, "messageReceived", talentOf(context), args.after),
      ),
  })
  async messageReceived(
    @Root() { messageId, sequence }: MessageReceived,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<Message> {
    const message = await context.loaders.messageById.load(messageId);
    if (!message || message.recipientId !== context.viewer?.id) throw new NotFoundError("Message", messageId);
    return pushed(context, message, sequence);
  }

  @Subscription(() => Invitation, {
    description: "Each invitation to apply the signed-in talent receives; with `after`, first the ones missed.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.invitationsReceived(
        talentOf(context),
        context.dropConnection,
        resumeFrom(context, "invitationReceived", talentOf(context), args.after),
      ),
  })
  async invitationReceived(
    @Root() { invitationId, sequence }: InvitationReceived,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<Invitation> {
    const invitation = await context.loaders.invitationById.load(invitationId);
    if (!invitation || invitation.talentId !== context.viewer?.id) throw new NotFoundError("Invitation", invitationId);
    return pushed(context, invitation, sequence);
  }

  @Subscription(() => AuditionRequest, {
    description: "Each self-tape request the signed-in talent receives; with `after`, first the ones missed.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.auditionsRequested(
        talentOf(context),
        context.dropConnection,
        resumeFrom(context, "auditionRequested", talentOf(context), args.after),
      ),
  })
  async auditionRequested(
    @Root() { auditionRequestId, sequence }: AuditionRequested,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<AuditionRequest> {
    const request = await context.loaders.auditionRequestById.load(auditionRequestId);
    if (!request || request.talentId !== context.viewer?.id) {
      throw new NotFoundError("AuditionRequest", auditionRequestId);
    }
    return pushed(context, request, sequence);
  }
}
