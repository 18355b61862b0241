import { Field, Int, ObjectType } from "type-graphql";
import { ProfileItem } from "../../entities/enums";

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
  @Field(() => Int)
  score: number;

  @Field(() => Int)
  maxScore: number;

  @Field(() => [MissingProfileItem])
  missing: MissingProfileItem[];
}
