import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import type { SubscribeResolverData } from "type-graphql";
import { AccountType } from "../entities/enums";
import { AuditionRequest } from "../entities/audition-request.entity";
import { Invitation } from "../entities/invitation.entity";
import { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import type { StreamName, StreamPosition } from "../src/domain/stream-position";
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

type Data = SubscribeResolverData<unknown, { after?: string | null }, Context>;

/** The position a client's `after` names in its own stream; a refusal (BAD_USER_INPUT) before anything listens. */
function resumeFrom(context: Context, stream: StreamName, after: string | null | undefined): StreamPosition | null {
  if (after === undefined || after === null) return null;
  return context.services.streamCursors.decode(stream, talentOf(context), after);
}

/** Remembers the pushed item's relay sequence for its streamCursor (see stream-cursor-field.ts). */
function pushed<T extends object>(context: Context, item: T, sequence: number): T {
  context.pushedSequences.set(item, sequence);
  return item;
}

const AFTER_DESCRIPTION =
  "A streamCursor from this subscription's last item (or from a list): the items after it are sent first, in " +
  "order, then live ones. Refused with BAD_USER_INPUT when it is another account's or stream's, or older than " +
  "the replay window: then refetch the list and subscribe again.";

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
    description: "Each message sent to the signed-in talent, as it arrives; with `after`, first the ones missed.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.messagesReceived(
        talentOf(context),
        context.dropConnection,
        resumeFrom(context, "messageReceived", args.after),
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
        resumeFrom(context, "invitationReceived", args.after),
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
        resumeFrom(context, "auditionRequested", args.after),
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
