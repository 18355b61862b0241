import { Field, Int, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The notification counts at the top of the dashboard." })
export class AtAGlance {
  @Field(() => Int)
  newMessages: number;

  @Field(() => Int)
  newInvitations: number;

  @Field(() => Int)
  auditionRequests: number;

  @Field(() => Int)
  draftApplications: number;

  @Field(() => Int)
  newRolesMatched: number;
}
