import { Arg, Ctx, Resolver, Root, Subscription } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import { AccountType, ApplicationStatus } from "../entities/enums";
import { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import { NotFoundError } from "../src/errors";
import type {
  ApplicationSubmitted,
  DirectorCountsUpdate,
  MessageReceived,
  SelfTapeSubmitted,
} from "../src/live/live-feeds";
import {
  AFTER_DESCRIPTION,
  countsOrThrow,
  pushed,
  resumeFrom,
  viewerOfType,
  type SubscribeData as Data,
} from "./subscription-viewer";
import { CastingAtAGlance } from "./types/casting-workspace.type";

/** The casting director's own subscriptions: FORBIDDEN for talent, routed by the director's id alone. */
const directorOf = (context: Context) => viewerOfType(context, AccountType.CASTING_DIRECTOR);

/**
 * Each push is loaded fresh and checked against the viewer again: an event
 * names ids only, and the row must still be the director's as they read it.
 */
@Resolver()
export class CastingLiveResolver {
  @Subscription(() => CastingAtAGlance, {
    description:
      "The signed-in casting director's workspace counts (castingWorkspace.atAGlance): the current values at " +
      "once on subscribe, then each time one changes. FORBIDDEN for talent.",
    subscribe: ({ context }: Data) => context.services.live.directorCounts(directorOf(context)),
  })
  castingNotificationCounts(@Root() update: DirectorCountsUpdate, @Ctx() context: Context): CastingAtAGlance {
    return { id: String(directorOf(context)), ...countsOrThrow(update) };
  }

  @Subscription(() => Message, {
    description:
      "Each message sent to the signed-in casting director (talents' replies), as it arrives; with `after`, " +
      "first the ones missed. FORBIDDEN for talent.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.repliesReceived(
        directorOf(context),
        context.dropConnection,
        resumeFrom(context, "replyReceived", directorOf(context), args.after),
      ),
  })
  async replyReceived(
    @Root() { messageId, sequence }: MessageReceived,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<Message> {
    const message = await context.loaders.messageById.load(messageId);
    if (!message || message.recipientId !== directorOf(context)) throw new NotFoundError("Message", messageId);
    return pushed(context, message, sequence);
  }

  @Subscription(() => Application, {
    description:
      "Each application submitted to one of the signed-in casting director's roles; with `after`, first the " +
      "ones missed. FORBIDDEN for talent.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.applicationsSubmitted(
        directorOf(context),
        context.dropConnection,
        resumeFrom(context, "applicationSubmitted", directorOf(context), args.after),
      ),
  })
  async applicationSubmitted(
    @Root() { applicationId, sequence }: ApplicationSubmitted,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<Application> {
    const { loaders } = context;
    const application = await loaders.applicationById.load(applicationId);
    const role = application && (await loaders.roleById.load(application.roleId));
    const production = role && (await loaders.productionById.load(role.productionId));
    if (
      !application ||
      application.status === ApplicationStatus.DRAFT ||
      production?.castingDirectorId !== directorOf(context)
    ) {
      throw new NotFoundError("Application", applicationId);
    }
    return pushed(context, application, sequence);
  }

  @Subscription(() => AuditionRequest, {
    description:
      "Each self tape submitted for one of the signed-in casting director's audition requests; with `after`, " +
      "first the ones missed. FORBIDDEN for talent.",
    subscribe: ({ context, args }: Data) =>
      context.services.live.selfTapesSubmitted(
        directorOf(context),
        context.dropConnection,
        resumeFrom(context, "selfTapeSubmitted", directorOf(context), args.after),
      ),
  })
  async selfTapeSubmitted(
    @Root() { auditionRequestId, sequence }: SelfTapeSubmitted,
    @Ctx() context: Context,
    @Arg("after", () => String, { nullable: true, description: AFTER_DESCRIPTION }) _after?: string | null,
  ): Promise<AuditionRequest> {
    const request = await context.loaders.auditionRequestById.load(auditionRequestId);
    if (!request || request.castingDirectorId !== directorOf(context)) {
      throw new NotFoundError("AuditionRequest", auditionRequestId);
    }
    return pushed(context, request, sequence);
  }
}
