import { IsEmail, Length, MaxLength, MinLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { AccountType } from "../../entities/enums";
import { PASSWORD_MAX_LENGTH } from "../../src/auth/account.service";

const PASSWORD_MIN_LENGTH = 8;

@InputType()
export class SignUpInput {
  @Field()
  @MaxLength(254, { message: "must be at most 254 characters" })
  @IsEmail({}, { message: "must be a valid email address" })
  email: string;

  @Field()
  @MinLength(PASSWORD_MIN_LENGTH, { message: `must be at least ${PASSWORD_MIN_LENGTH} characters` })
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  password: string;

  @Field()
  @Length(1, 120, { message: "must be 1 to 120 characters" })
  name: string;

  @Field(() => AccountType)
  accountType: AccountType;
}
