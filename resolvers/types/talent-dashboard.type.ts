import { ObjectType } from "type-graphql";

/** The root of a talent's dashboard; every field is resolved for `talentId`. */
@ObjectType()
export class TalentDashboard {
  talentId: number;
}
