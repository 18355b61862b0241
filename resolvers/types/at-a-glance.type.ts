import { Field, ID, Int, ObjectType } from "type-graphql";
import { ONE_PER_TALENT_ID_DESCRIPTION } from "./one-per-talent";

@ObjectType({ simpleResolvers: true, description: "The notification counts at the top of the dashboard." })
export class AtAGlance {
  @Field(() => ID, { description: ONE_PER_TALENT_ID_DESCRIPTION })
  id: string;

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
