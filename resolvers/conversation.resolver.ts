import { Args, Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import type { Page } from "../src/pagination/page";
import { isRowId } from "../src/domain/row-id";
import { ConversationArgs } from "./inputs/conversation.args";
import { MessageConnection } from "./types/connections";

/** The messages between the signed-in user and one other user: what a message in a list opens. */
@Resolver()
export class ConversationResolver {
  @Authorized()
  @Query(() => MessageConnection, {
    description:
      "The messages between the signed-in user (talent or casting director) and another user, both ways, newest " +
      "first. Empty for a user who does not exist or with whom there are none.",
  })
  conversation(@Args() args: ConversationArgs, @Ctx() { viewer, queries }: Context): Promise<Page<Message>> {
    return queries.conversationPage({
      viewerId: viewer!.id,
      // An id that can name no user is a stranger: the same empty page, no error that tells them apart.
      otherUserId: isRowId(args.withUserId) ? Number(args.withUserId) : null,
      first: args.first,
      after: args.after,
    });
  }
}
