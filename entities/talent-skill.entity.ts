import { Entity, Index, JoinColumn, ManyToOne } from "typeorm";
import { ForeignKeyColumn, IdColumn, StringColumn } from "./columns";
import type { User } from "./user.entity";

/** One skill a talent lists on their profile (accents, stage combat, ...). */
@Entity("talent_skills")
@Index("UQ_talent_skills_talent_name", ["talentId", "name"], { unique: true })
export class TalentSkill {
  @IdColumn()
  id: number;

  @ForeignKeyColumn()
  talentId: number;

  @ManyToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @StringColumn(80)
  name: string;
}
