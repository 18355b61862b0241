import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import { ONE_PER_TALENT_ID_DESCRIPTION } from "./one-per-talent";

/** How many media items of each kind the talent has, and the bytes they take. */
@ObjectType({ simpleResolvers: true })
export class MediaLocker {
  @Field(() => ID, { description: ONE_PER_TALENT_ID_DESCRIPTION })
  id: string;

  @Field(() => Int)
  photos: number;

  @Field(() => Int)
  videos: number;

  @Field(() => Int)
  audio: number;

  @Field(() => Int)
  documents: number;

  @Field(() => Float)
  bytesUsed: number;
}
