import { IsOptional, ValidateNested } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MaxTextLength, TextLength, Trimmed } from "./input-rules";
import { RoleRequirementsInput } from "./role-requirements.input";

@InputType()
export class AddRoleInput {
  @Field(() => ID)
  productionId: string;

  @Field()
  @Trimmed()
  @TextLength(1, 200)
  name: string;

  @Field(() => String, { nullable: true })
  @Trimmed({ blankAsNull: true })
  @IsOptional()
  @MaxTextLength(5000)
  description?: string | null;

  @Field(() => RoleRequirementsInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  requirements?: RoleRequirementsInput | null;
}
