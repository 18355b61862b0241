import { Field, ID, Int, ObjectType } from "type-graphql";

const ONE_PER_DIRECTOR_ID_DESCRIPTION =
  "The casting director's user id: there is one of these per director, so client caches can key it.";

@ObjectType({
  simpleResolvers: true,
  description: "The signed-in casting director's workspace: the other side of every talent's dashboard.",
})
export class CastingWorkspace {
  @Field(() => ID, { description: ONE_PER_DIRECTOR_ID_DESCRIPTION })
  id: string;

  directorId: number;
}

@ObjectType({ simpleResolvers: true, description: "The counts at the top of the casting director's workspace." })
export class CastingAtAGlance {
  @Field(() => ID, { description: ONE_PER_DIRECTOR_ID_DESCRIPTION })
  id: string;

  @Field(() => Int, { description: "Messages to the director they have not read: talents' replies." })
  unreadReplies: number;

  @Field(() => Int, { description: "Submitted applications to the director's roles not yet opened." })
  newApplications: number;

  @Field(() => Int, { description: "Self tapes submitted for the director's audition requests not yet watched." })
  newSelfTapes: number;
}
