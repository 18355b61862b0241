import { IsEmail } from "class-validator";
import { Field, InputType } from "type-graphql";
import { AccountType } from "../../entities/enums";
import { EMAIL_MAX_LENGTH, PASSWORD_MAX_LENGTH } from "../../src/auth/account.service";
import { characterCount } from "../../src/character-count";
import { CharacterCount, MaxTextLength, TextLength } from "./input-rules";

const PASSWORD_MIN_LENGTH = 8;

@InputType()
export class SignUpInput {
  @Field()
  @MaxTextLength(EMAIL_MAX_LENGTH)
  @IsEmail({}, { message: "must be a valid email address" })
  email: string;

  @Field()
  @CharacterCount(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH, ({ value }) =>
    characterCount(String(value)) < PASSWORD_MIN_LENGTH
      ? `must be at least ${PASSWORD_MIN_LENGTH} characters`
      : `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  )
  password: string;

  @Field()
  @TextLength(1, 120)
  name: string;

  @Field(() => AccountType)
  accountType: AccountType;
}
