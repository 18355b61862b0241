import { Field, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, StringColumn } from "./columns";
import type { User } from "./user.entity";

/** A past production the talent worked on, as listed on their profile. */
@ObjectType({ simpleResolvers: true, description: "A past production the talent worked on." })
@Entity("talent_credits")
@Index("IDX_talent_credits_talent", ["talentId"])
export class TalentCredit {
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @Field()
  @StringColumn(200)
  title: string;

  @Field({ description: "The part the talent played." })
  @StringColumn(120)
  role: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: "smallint", nullable: true })
  year: number | null;
}
