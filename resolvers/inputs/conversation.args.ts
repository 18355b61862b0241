import { Max, Min } from "class-validator";
import { ArgsType, Field, ID, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../src/domain/page-size";
import { pageSizeRule } from "./page.args";

/**
 * Whom the conversation is with, then a page of it (as the dashboard's `messages` pages). Not built on
 * pageArgs: TypeGraphQL lists a parent class's fields first, and `withUserId` reads best first.
 */
@ArgsType()
export class ConversationArgs {
  @Field(() => ID)
  withUserId: string;

  @Field(() => Int, { defaultValue: 20 })
  @Min(1, pageSizeRule)
  @Max(MAX_PAGE_SIZE, pageSizeRule)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
