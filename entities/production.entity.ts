import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, StringColumn, TimestampColumn } from "./columns";
import type { User } from "./user.entity";

/** A casting call: a production a casting director casts roles for, open until it expires. */
@ObjectType({ simpleResolvers: true })
@Entity("productions")
// A casting director's productions newest first (their workspace).
@Index("IDX_productions_casting_director_created", ["castingDirectorId", "createdAt", "id"])
@Index("IDX_productions_expires_at", ["expiresAt"])
export class Production {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  castingDirectorId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "castingDirectorId" })
  castingDirector?: User;

  @Field()
  @StringColumn(200)
  title: string;

  @Field(() => String, { nullable: true })
  @StringColumn(120, { nullable: true })
  location: string | null;

  @Field()
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn()
  createdAt: Date;
}
