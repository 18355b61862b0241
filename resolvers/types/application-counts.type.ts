import { Field, Int, ObjectType } from "type-graphql";
import type { ApplicationCountsByBucket } from "../../src/domain/application-buckets";

/** The size of each application filter. */
@ObjectType({ simpleResolvers: true })
export class ApplicationCounts implements ApplicationCountsByBucket {
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
