import { ArgsType, Field, ID } from "type-graphql";

@ArgsType()
export class RespondToInvitationArgs {
  @Field(() => ID)
  applicationId: string;

  @Field()
  accept: boolean;
}
