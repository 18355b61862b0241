import { Column, Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, StringColumn } from "./columns";
import type { User } from "./user.entity";

/** A past production the talent worked on, as listed on their profile. */
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

  @StringColumn(200)
  title: string;

  @StringColumn(120)
  role: string;

  @Column({ type: "smallint", nullable: true })
  year: number | null;
}
