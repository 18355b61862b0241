import { Field, ID, Int, ObjectType } from "type-graphql";
import type { ApplicationCountsByBucket } from "../../src/domain/application-buckets";
import { ONE_PER_TALENT_ID_DESCRIPTION } from "./one-per-talent";

/** The size of each application filter. */
@ObjectType({ simpleResolvers: true })
export class ApplicationCounts implements ApplicationCountsByBucket {
  @Field(() => ID, { description: ONE_PER_TALENT_ID_DESCRIPTION })
  id: string;

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
