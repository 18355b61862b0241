import { ArrayMaxSize, IsOptional, ValidateNested } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { Gender, UnionStatus } from "../../entities/enums";
import { CreditInput } from "./credit.input";
import { Between, MaxTextLength, TextLength, Trimmed } from "./input-rules";

/**
 * A partial update: an absent field is left as it is, a null one is cleared.
 * `skills` and `credits` replace the whole list when given. The age range is
 * checked against the stored values by the profile service.
 */
@InputType()
export class UpdateProfileInput {
  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(2000)
  bio?: string | null;

  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Between(0, 120)
  playableAgeMin?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Between(0, 120)
  playableAgeMax?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Between(50, 260)
  heightCm?: number | null;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(120)
  location?: string | null;

  @Field(() => UnionStatus, { nullable: true })
  unionStatus?: UnionStatus | null;

  /** Repeats (ignoring case and accents) are dropped by the profile service; the first spelling stays. */
  @Field(() => [String], { nullable: true })
  @Trimmed()
  @IsOptional()
  @ArrayMaxSize(50, { message: "must have at most 50 skills" })
  @TextLength(1, 80, { each: true })
  skills?: string[] | null;

  @Field(() => [CreditInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100, { message: "must have at most 100 credits" })
  @ValidateNested()
  credits?: CreditInput[] | null;
}
