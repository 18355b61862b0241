import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { MAX_PAGE_SIZE } from "../../src/domain/page-size";

const pageSizeRule = { message: `must be between 1 and ${MAX_PAGE_SIZE}` };

@ArgsType()
export class ProductionsPageArgs {
  @Field(() => Int, { defaultValue: 10 })
  @Min(1, pageSizeRule)
  @Max(MAX_PAGE_SIZE, pageSizeRule)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
