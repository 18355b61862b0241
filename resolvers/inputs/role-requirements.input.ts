import { IsOptional } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { Gender, UnionStatus } from "../../entities/enums";
import { Between, MaxTextLength, Trimmed } from "./input-rules";

/** Every requirement is optional; `ageMin` must not exceed `ageMax` (checked by the casting service). */
@InputType()
export class RoleRequirementsInput {
  @Field(() => Gender, { nullable: true })
  gender?: Gender | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Between(0, 120)
  ageMin?: number | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Between(0, 120)
  ageMax?: number | null;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(120)
  location?: string | null;

  @Field(() => UnionStatus, { nullable: true })
  unionStatus?: UnionStatus | null;
}
