import { ArgsType, Field, ID } from "type-graphql";
import { IsHttpUrl, MaxTextLength, Trimmed } from "./input-rules";

@ArgsType()
export class SubmitSelfTapeArgs {
  @Field(() => ID)
  auditionRequestId: string;

  @Field()
  @Trimmed()
  @IsHttpUrl()
  @MaxTextLength(2048)
  url: string;
}
