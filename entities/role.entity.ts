import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { EnumColumn, ForeignKeyColumn, IdColumn, StringColumn, TextColumn, TimestampColumn } from "./columns";
import { Gender, UnionStatus } from "./enums";
import type { Production } from "./production.entity";

/**
 * A part to cast on a production. Every requirement is optional; a talent
 * matches when each requirement that is set is met.
 */
@ObjectType({ simpleResolvers: true })
@Entity("roles")
@Index("IDX_roles_production", ["productionId"])
// Newest roles first, with every requirement: counting new matches reads only this index.
@Index("IDX_roles_match", ["createdAt", "productionId", "gender", "ageMin", "ageMax", "location", "unionStatus"])
export class Role {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  productionId: number;

  @ManyToOne("Production", { onDelete: "CASCADE" })
  @JoinColumn({ name: "productionId" })
  production?: Production;

  @Field()
  @StringColumn(200)
  name: string;

  @Field(() => String, { nullable: true })
  @TextColumn({ nullable: true })
  description: string | null;

  @EnumColumn({ nullable: true })
  gender: Gender | null;

  @Column({ type: "smallint", nullable: true })
  ageMin: number | null;

  @Column({ type: "smallint", nullable: true })
  ageMax: number | null;

  @StringColumn(120, { nullable: true })
  location: string | null;

  @EnumColumn({ nullable: true })
  unionStatus: UnionStatus | null;

  @Field()
  @TimestampColumn()
  createdAt: Date;
}
