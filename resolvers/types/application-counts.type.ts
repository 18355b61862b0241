import { Field, Int, ObjectType } from "type-graphql";

/** The size of each application filter. */
@ObjectType({ simpleResolvers: true })
export class ApplicationCounts {
  @Field(() => Int)
  all: number;

  @Field(() => Int)
  invites: number;

  @Field(() => Int)
  drafts: number;

  @Field(() => Int)
  active: number;

  @Field(() => Int)
  auditions: number;

  @Field(() => Int)
  archived: number;
}
