import { Min } from "class-validator";
import { Field, InputType, Int } from "type-graphql";
import { MediaKind } from "../../entities/enums";
import { IsHttpUrl, MaxTextLength, TextLength, Trimmed } from "./input-rules";

@InputType()
export class AddMediaInput {
  @Field(() => MediaKind)
  kind: MediaKind;

  @Field()
  @Trimmed()
  @TextLength(1, 200)
  title: string;

  /** GraphQL's Int caps a single upload at 2^31 - 1 bytes. */
  @Field(() => Int)
  @Min(1, { message: "must be at least 1" })
  bytes: number;

  @Field()
  @Trimmed()
  @IsHttpUrl()
  @MaxTextLength(2048)
  url: string;

  /** Only a PHOTO may be primary (checked by the profile service). */
  @Field(() => Boolean, { nullable: true, description: "Marks a photo as the profile's headshot." })
  primary?: boolean | null;
}
