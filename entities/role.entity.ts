import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { EnumColumn, ForeignKeyColumn, IdColumn, StringColumn, TextColumn, TimestampColumn } from "./columns";
import { Gender, UnionStatus } from "./enums";
import type { Production } from "./production.entity";

/**
 * roles.countedThroughTalentId once a new role's fan-out is done: every talent
 * (their ids are INTs, at most this) has it in their kept newRolesMatched. It
 * is the column's default too, so roles written around the services (the seed,
 * imports, test fixtures, whose kept counts are recounted from scratch) count
 * as fanned out.
 */
export const FANNED_OUT = 2_147_483_647;

/**
 * A part to cast on a production. Every requirement is optional; a talent
 * matches when each requirement that is set is met.
 */
@ObjectType({ simpleResolvers: true })
@Entity("roles")
@Index("IDX_roles_production", ["productionId"])
// Newest roles first, with every requirement: counting new matches reads only this index.
@Index("IDX_roles_match", ["createdAt", "productionId", "gender", "ageMin", "ageMax", "location", "unionStatus"])
// The few roles whose fan-out is unfinished, found without reading the others (src/role-matches/fan-out-chunk.ts).
@Index("IDX_roles_fan_out", ["countedThroughTalentId"])
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

  /**
   * How far the background fan-out has counted the role: talents with an id at
   * most this have it in their kept newRolesMatchedCount, the others are counted
   * by readers until it reaches them. FANNED_OUT when done; addRole writes 0.
   */
  @Column({ type: "int", default: FANNED_OUT })
  countedThroughTalentId: number;
}
