import { MaxLength } from "class-validator";
import { ArgsType, Field, ID } from "type-graphql";
import { IsHttpUrl, Trimmed } from "./input-rules";

@ArgsType()
export class SubmitSelfTapeArgs {
  @Field(() => ID)
  auditionRequestId: string;

  @Field()
  @Trimmed()
  @IsHttpUrl()
  @MaxLength(2048, { message: "must be at most 2048 characters" })
  url: string;
}
