import { Field, Float, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { BytesColumn, EnumColumn, ForeignKeyColumn, IdColumn, StringColumn, TimestampColumn } from "./columns";
import { MediaKind } from "./enums";
import type { User } from "./user.entity";

/** A file in the talent's media locker: photo, video, audio or document. */
@ObjectType({ simpleResolvers: true })
@Entity("media_items")
@Index("IDX_media_items_talent_kind", ["talentId", "kind"])
export class MediaItem {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @Field(() => MediaKind)
  @EnumColumn()
  kind: MediaKind;

  @Field()
  @StringColumn(200)
  title: string;

  @Field(() => Float)
  @BytesColumn()
  bytes: number;

  @Field()
  @StringColumn(2048)
  url: string;

  /** The headshot: at most one primary photo per talent (kept so by the mutation). */
  @Field({ description: "True for the photo used as the profile's headshot." })
  @Column({ type: "boolean", default: false })
  isPrimary: boolean;

  @Field()
  @TimestampColumn()
  createdAt: Date;
}
