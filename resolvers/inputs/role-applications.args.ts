import { ArgsType, Field } from "type-graphql";
import { ApplicationStatus } from "../../entities/enums";
import { pageArgs } from "./page.args";

/** A page of a role's applications, optionally in one status. */
@ArgsType()
export class RoleApplicationsArgs extends pageArgs(20) {
  @Field(() => ApplicationStatus, {
    nullable: true,
    description: "Only applications in this status (INVITED, SUBMITTED or DECLINED: drafts are the talent's own).",
  })
  status?: ApplicationStatus | null;
}
