import { Field, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "./columns";
import type { Production } from "./production.entity";
import type { User } from "./user.entity";

/** The last time a talent viewed a production: one row per pair, updated on each view. */
@ObjectType({ simpleResolvers: true })
@Entity("production_views")
@Index("IDX_production_views_talent_viewed", ["talentId", "viewedAt"])
export class ProductionView {
  @PrimaryColumn({ type: "int" })
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @PrimaryColumn({ type: "int" })
  productionId: number;

  @ManyToOne("Production", { onDelete: "CASCADE" })
  @JoinColumn({ name: "productionId" })
  production?: Production;

  @Field()
  @TimestampColumn()
  viewedAt: Date;
}
