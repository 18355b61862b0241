import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Message } from "../entities/message.entity";
import type { Context } from "../src/context";
import { SendMessageInput } from "./inputs/send-message.input";

/** Messages between casting directors and talent. */
@Resolver()
export class MessagingResolver {
  /** Casting directors write to talent; talent reply to directors who wrote to them. */
  @Authorized()
  @Mutation(() => Message)
  sendMessage(@Arg("input") input: SendMessageInput, @Ctx() { viewer, services }: Context): Promise<Message> {
    return services.mutations.messaging.sendMessage(viewer!, input);
  }

  @Authorized()
  @Mutation(() => Message, {
    description: "Marks a message to the signed-in user (talent or casting director) as read.",
  })
  markMessageRead(@Arg("id", () => ID) id: string, @Ctx() { viewer, services }: Context): Promise<Message> {
    return services.mutations.messaging.markMessageRead(viewer!, id);
  }
}
