import { ObjectType } from "type-graphql";

/** The root of a talent's dashboard; every field is resolved for `talentId`. */
@ObjectType({ simpleResolvers: true })
export class TalentDashboard {
  talentId: number;
}
