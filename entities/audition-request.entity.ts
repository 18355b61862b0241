import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { EnumColumn, ForeignKeyColumn, IdColumn, StringColumn, TextColumn, TimestampColumn } from "./columns";
import { AuditionRequestStatus } from "./enums";
import type { Application } from "./application.entity";
import type { User } from "./user.entity";

/**
 * A self-tape audition request on an application. The talent id is copied
 * from the application so the At a Glance count reads one index.
 */
@ObjectType({
  simpleResolvers: true,
  description: "A casting director's request for a self-tape audition on an application.",
})
@Entity("audition_requests")
@Index("IDX_audition_requests_application", ["applicationId"])
@Index("IDX_audition_requests_talent_status_due", ["talentId", "status", "dueAt"])
// The casting director's self tapes not yet seen (their At a Glance).
@Index("IDX_audition_requests_director_unseen", ["castingDirectorId", "status", "tapeSeenAt"])
export class AuditionRequest {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  applicationId: number;

  @ManyToOne("Application", { onDelete: "CASCADE" })
  @JoinColumn({ name: "applicationId" })
  application?: Application;

  @ForeignKeyColumn()
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @ForeignKeyColumn()
  castingDirectorId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "castingDirectorId" })
  castingDirector?: User;

  @Field(() => String, { nullable: true })
  @TextColumn({ nullable: true })
  instructions: string | null;

  @Field()
  @TimestampColumn()
  dueAt: Date;

  @Field(() => AuditionRequestStatus)
  @EnumColumn()
  status: AuditionRequestStatus;

  @Field(() => String, { nullable: true, description: "The self-tape, once submitted." })
  @StringColumn(2048, { nullable: true })
  tapeUrl: string | null;

  @Field()
  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  submittedAt: Date | null;

  /** When the casting director first watched the submitted tape; null until then. */
  @TimestampColumn({ nullable: true })
  tapeSeenAt: Date | null;
}
