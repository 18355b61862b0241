import { IsOptional } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MaxTextLength, Trimmed } from "./input-rules";

@InputType()
export class RequestAuditionInput {
  @Field(() => ID)
  applicationId: string;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(5000)
  instructions?: string | null;

  /** In the future, and at most a year ahead (checked by the casting service). */
  @Field()
  dueAt: Date;
}
