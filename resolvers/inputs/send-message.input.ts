import { Field, ID, InputType } from "type-graphql";
import { TextLength, Trimmed } from "./input-rules";

@InputType()
export class SendMessageInput {
  @Field(() => ID)
  toUserId: string;

  @Field()
  @Trimmed()
  @TextLength(1, 5000)
  body: string;

  @Field(() => ID, { nullable: true })
  productionId?: string | null;
}
