import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Message } from "../entities/message.entity";
import { Production } from "../entities/production.entity";
import { User, type PublicUser } from "../entities/user.entity";
import { firstCharacters } from "../src/character-count";
import type { Context } from "../src/context";
import { required } from "./not-null";
import { streamCursorDescriptionByAccount, streamCursorOf, streamOfViewer } from "./stream-cursor-field";

const MESSAGE_STREAMS = { talent: "messageReceived", castingDirector: "replyReceived" } as const;

const PREVIEW_LENGTH = 140;

@Resolver(() => Message)
export class MessageResolver {
  @FieldResolver(() => String, { description: streamCursorDescriptionByAccount("messageReceived", "replyReceived") })
  streamCursor(@Root() message: Message, @Ctx() context: Context): string {
    return streamCursorOf(context, streamOfViewer(context, MESSAGE_STREAMS), message);
  }

  @FieldResolver(() => String, { description: "The first characters of the body, for lists." })
  preview(@Root() message: Message): string {
    // Counted in code points, so an emoji is never cut in half; a 5,000-character body is not copied to get them.
    return firstCharacters(message.body, PREVIEW_LENGTH);
  }

  @FieldResolver(() => Boolean, { description: "True until the recipient reads it (the blue dot)." })
  unread(@Root() message: Message): boolean {
    return message.readAt === null;
  }

  @FieldResolver(() => User)
  async sender(@Root() message: Message, @Ctx() { loaders }: Context): Promise<PublicUser> {
    return required(await loaders.userById.load(message.senderId), `User ${message.senderId}`);
  }

  @FieldResolver(() => User)
  async recipient(@Root() message: Message, @Ctx() { loaders }: Context): Promise<PublicUser> {
    return required(await loaders.userById.load(message.recipientId), `User ${message.recipientId}`);
  }

  @FieldResolver(() => Production, { nullable: true })
  production(@Root() message: Message, @Ctx() { loaders }: Context): Promise<Production | null> | null {
    return message.productionId === null ? null : loaders.productionById.load(message.productionId);
  }
}
