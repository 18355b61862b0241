import { IsOptional } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MaxTextLength, Trimmed } from "./input-rules";

@InputType()
export class InviteToApplyInput {
  @Field(() => ID)
  roleId: string;

  @Field(() => ID)
  talentId: string;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(2000)
  note?: string | null;
}
