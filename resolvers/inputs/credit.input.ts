import { IsOptional } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { IsYearFrom, TextLength, Trimmed } from "./input-rules";

@InputType()
export class CreditInput {
  @Field()
  @Trimmed()
  @TextLength(1, 200)
  title: string;

  @Field()
  @Trimmed()
  @TextLength(1, 120)
  role: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @IsYearFrom(1900, 5)
  year?: number | null;
}
