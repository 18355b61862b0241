import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { ApplicationFilter } from "../../entities/enums";
import { MAX_PAGE_SIZE } from "../../src/domain/page-size";

/** What class-validator answers for a page size out of range, on every list. */
export const pageSizeRule = { message: `must be between 1 and ${MAX_PAGE_SIZE}` };

/** `first` and `after` of a paginated list; the default page size is set per list. */
export function pageArgs(defaultFirst: number) {
  @ArgsType()
  class PageArgs {
    @Field(() => Int, { defaultValue: defaultFirst })
    @Min(1, pageSizeRule)
    @Max(MAX_PAGE_SIZE, pageSizeRule)
    first: number;

    @Field(() => String, { nullable: true })
    after?: string | null;
  }
  return PageArgs;
}

/** `first` of a short, unpaginated list. */
function recentArgs(defaultFirst: number) {
  @ArgsType()
  class RecentArgs {
    @Field(() => Int, { defaultValue: defaultFirst })
    @Min(1, pageSizeRule)
    @Max(MAX_PAGE_SIZE, pageSizeRule)
    first: number;
  }
  return RecentArgs;
}

@ArgsType()
export class ApplicationsArgs extends pageArgs(10) {
  @Field(() => ApplicationFilter, { defaultValue: ApplicationFilter.ALL })
  filter: ApplicationFilter;
}

@ArgsType()
export class MessagesArgs extends pageArgs(20) {}

@ArgsType()
export class MatchedRolesArgs extends pageArgs(10) {}

@ArgsType()
export class RecentMessagesArgs extends recentArgs(5) {}

@ArgsType()
export class RecentlyViewedArgs extends recentArgs(5) {}
