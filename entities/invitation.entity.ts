import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, TextColumn, TimestampColumn } from "./columns";
import type { Application } from "./application.entity";
import type { Role } from "./role.entity";
import type { User } from "./user.entity";

/**
 * A casting director's invitation to apply. It creates the application in
 * INVITED; the talent answers through that application. The talent and role
 * are copied from the application so the At a Glance count needs no join.
 */
@ObjectType({ simpleResolvers: true })
@Entity("invitations")
@Index("UQ_invitations_application", ["applicationId"], { unique: true })
@Index("IDX_invitations_talent_created", ["talentId", "createdAt"])
export class Invitation {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  applicationId: number;

  // ManyToOne plus the unique index: a OneToOne would add a second, unnamed unique index.
  @ManyToOne("Application", { onDelete: "CASCADE" })
  @JoinColumn({ name: "applicationId" })
  application?: Application;

  @ForeignKeyColumn()
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @ForeignKeyColumn()
  roleId: number;

  @ManyToOne("Role", { onDelete: "CASCADE" })
  @JoinColumn({ name: "roleId" })
  role?: Role;

  @ForeignKeyColumn()
  castingDirectorId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "castingDirectorId" })
  castingDirector?: User;

  @Field(() => String, { nullable: true })
  @TextColumn({ nullable: true })
  note: string | null;

  @Field()
  @TimestampColumn()
  createdAt: Date;

  /** When the talent accepted or declined; null while unanswered. */
  @TimestampColumn({ nullable: true })
  respondedAt: Date | null;
}
