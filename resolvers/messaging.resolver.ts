import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { AccountType } from "../entities/enums";
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

  @Authorized(AccountType.TALENT)
  @Mutation(() => Message)
  markMessageRead(@Arg("id", () => ID) id: string, @Ctx() { viewer, services }: Context): Promise<Message> {
    return services.mutations.messaging.markMessageRead(viewer!.id, id);
  }
}
