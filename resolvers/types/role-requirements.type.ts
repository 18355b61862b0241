import { Field, Int, ObjectType } from "type-graphql";
import { Gender, UnionStatus } from "../../entities/enums";

/** What a role asks of a talent; a requirement left out (null) is met by anyone. */
@ObjectType({ description: "What a role asks of a talent; a requirement that is null is met by anyone." })
export class RoleRequirements {
  @Field(() => Gender, { nullable: true })
  gender: Gender | null;

  @Field(() => Int, { nullable: true, description: "The youngest playable age the role takes." })
  ageMin: number | null;

  @Field(() => Int, { nullable: true, description: "The oldest playable age the role takes." })
  ageMax: number | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => UnionStatus, { nullable: true })
  unionStatus: UnionStatus | null;
}
