import { Field, ID, Int, ObjectType } from "type-graphql";
import { ProfileItem } from "../../entities/enums";
import { ONE_PER_TALENT_ID_DESCRIPTION } from "./one-per-talent";

@ObjectType({ simpleResolvers: true })
export class MissingProfileItem {
  @Field(() => ProfileItem)
  item: ProfileItem;

  @Field(() => Int, { description: "How much the score would rise once this item is added." })
  points: number;
}

@ObjectType({
  simpleResolvers: true,
  description: "The profile score: shown to its owner only, never to casting directors.",
})
export class ProfileCompletion {
  @Field(() => ID, { description: ONE_PER_TALENT_ID_DESCRIPTION })
  id: string;

  @Field(() => Int)
  score: number;

  @Field(() => Int)
  maxScore: number;

  @Field(() => [MissingProfileItem])
  missing: MissingProfileItem[];
}
