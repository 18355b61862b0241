import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, TextColumn, TimestampColumn } from "./columns";
import type { Production } from "./production.entity";
import type { User } from "./user.entity";

/** A direct message between a casting director and a talent, optionally about a production. */
@ObjectType({ simpleResolvers: true })
@Entity("messages")
@Index("IDX_messages_recipient_sent", ["recipientId", "sentAt", "id"])
@Index("IDX_messages_recipient_read", ["recipientId", "readAt"])
// Conversations read each direction newest first (src/queries/conversation-page.query.ts).
@Index("IDX_messages_conversation", ["senderId", "recipientId", "sentAt", "id"])
export class Message {
  @Field(() => ID)
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  senderId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "senderId" })
  sender?: User;

  @ForeignKeyColumn()
  recipientId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "recipientId" })
  recipient?: User;

  @ForeignKeyColumn({ nullable: true })
  productionId: number | null;

  @ManyToOne("Production", { onDelete: "SET NULL", nullable: true })
  @JoinColumn({ name: "productionId" })
  production?: Production | null;

  @Field()
  @TextColumn()
  body: string;

  @Field()
  @TimestampColumn()
  sentAt: Date;

  /** Null until the recipient reads it. */
  @TimestampColumn({ nullable: true })
  readAt: Date | null;
}
