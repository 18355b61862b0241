import { Field, ID, ObjectType } from "type-graphql";
import { ONE_PER_TALENT_ID_DESCRIPTION } from "./one-per-talent";

/** The root of a talent's dashboard; every field is resolved for `talentId`. */
@ObjectType({ simpleResolvers: true })
export class TalentDashboard {
  @Field(() => ID, { description: ONE_PER_TALENT_ID_DESCRIPTION })
  id: string;

  talentId: number;
}
