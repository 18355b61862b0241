import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { EnumColumn, ForeignKeyColumn, IdColumn, TextColumn, TimestampColumn } from "./columns";
import { ApplicationStatus } from "./enums";
import type { Role } from "./role.entity";
import type { User } from "./user.entity";

/** One talent's application to one role: invited, drafted, submitted or declined. */
@ObjectType({ simpleResolvers: true })
@Entity("applications")
@Index("UQ_applications_talent_role", ["talentId", "roleId"], { unique: true })
@Index("IDX_applications_talent_updated", ["talentId", "updatedAt", "id"])
@Index("IDX_applications_talent_status", ["talentId", "status"])
// A role's applications newest first (the casting director's workspace), and its unseen submissions.
@Index("IDX_applications_role_updated", ["roleId", "updatedAt", "id"])
@Index("IDX_applications_role_unseen", ["roleId", "status", "seenAt"])
export class Application {
  @Field(() => ID)
  @IdColumn()
  id: number;

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

  @Field(() => ApplicationStatus)
  @EnumColumn()
  status: ApplicationStatus;

  @Field(() => String, { nullable: true })
  @TextColumn({ nullable: true })
  coverLetter: string | null;

  @Field()
  @TimestampColumn()
  createdAt: Date;

  @Field()
  @TimestampColumn()
  updatedAt: Date;

  @Field(() => Date, { nullable: true })
  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  /** When the role's casting director first opened the submitted application; null until then. */
  @TimestampColumn({ nullable: true })
  seenAt: Date | null;
}
