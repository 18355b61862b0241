import { Field, ID, Int, ObjectType } from "type-graphql";
import { Gender, UnionStatus } from "../../entities/enums";
import type { TalentPublicProfileRow } from "../../src/loaders/talent-public-profile-by-talent-id.loader";

/** What a casting director sees of a talent who applied or was invited: never the profile score. */
@ObjectType({
  simpleResolvers: true,
  description:
    "A talent as casting directors see them on an application: the profile's details, never its score or the " +
    "talent's drafts.",
})
export class TalentPublicProfile implements Omit<TalentPublicProfileRow, "talentId"> {
  @Field(() => ID, { description: "The talent's user id." })
  id: string;

  talentId: number;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  bio: string | null;

  @Field(() => Gender, { nullable: true })
  gender: Gender | null;

  @Field(() => Int, { nullable: true })
  playableAgeMin: number | null;

  @Field(() => Int, { nullable: true })
  playableAgeMax: number | null;

  @Field(() => Int, { nullable: true })
  heightCm: number | null;

  @Field(() => String, { nullable: true })
  location: string | null;

  @Field(() => UnionStatus, { nullable: true })
  unionStatus: UnionStatus | null;
}

export function publicProfileOf(row: TalentPublicProfileRow): TalentPublicProfile {
  return { ...row, id: String(row.talentId) };
}
