import { Max, Min } from "class-validator";
import { ArgsType, Field, Int } from "type-graphql";
import { ApplicationStatus } from "../../entities/enums";
import { MAX_PAGE_SIZE } from "../../src/domain/page-size";

const pageSizeRule = { message: `must be between 1 and ${MAX_PAGE_SIZE}` };

/** A page of a role's applications, optionally in one status. */
@ArgsType()
export class RoleApplicationsArgs {
  @Field(() => Int, { defaultValue: 20 })
  @Min(1, pageSizeRule)
  @Max(MAX_PAGE_SIZE, pageSizeRule)
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => ApplicationStatus, {
    nullable: true,
    description: "Only applications in this status (INVITED, SUBMITTED or DECLINED: drafts are the talent's own).",
  })
  status?: ApplicationStatus | null;
}
