import { IsOptional } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MaxTextLength, Trimmed } from "./input-rules";

@InputType()
export class SaveDraftApplicationInput {
  @Field(() => ID)
  roleId: string;

  /** A string (blank: none) or null replaces the draft's cover letter; absent keeps it. */
  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(5000)
  coverLetter?: string | null;
}
