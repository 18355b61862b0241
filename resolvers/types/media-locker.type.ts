import { Field, Float, Int, ObjectType } from "type-graphql";

/** How many media items of each kind the talent has, and the bytes they take. */
@ObjectType({ simpleResolvers: true })
export class MediaLocker {
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
