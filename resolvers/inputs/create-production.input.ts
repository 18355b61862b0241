import { IsOptional } from "class-validator";
import { Field, InputType } from "type-graphql";
import { MaxTextLength, TextLength, Trimmed } from "./input-rules";

@InputType()
export class CreateProductionInput {
  @Field()
  @Trimmed()
  @TextLength(1, 200)
  title: string;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(120)
  location?: string | null;

  /** In the future, and at most two years ahead (checked by the casting service). */
  @Field()
  expiresAt: Date;
}
