import { ArgsType, Field } from "type-graphql";

@ArgsType()
export class LoginArgs {
  @Field()
  email: string;

  @Field()
  password: string;
}
