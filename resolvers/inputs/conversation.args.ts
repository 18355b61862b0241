import { Max, Min } from "class-validator";
import { ArgsType, Field, ID, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../src/domain/page-size";

const pageSizeRule = { message: `must be between 1 and ${MAX_PAGE_SIZE}` };

/** Whom the conversation is with, then a page of it (as the dashboard's `messages` pages). */
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
