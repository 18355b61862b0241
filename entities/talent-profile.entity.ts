import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from "typeorm";
import { EnumColumn, StringColumn, TextColumn, TimestampColumn } from "./columns";
import { Gender, UnionStatus } from "./enums";
import type { User } from "./user.entity";

/** A talent's profile details; one row per talent, created at sign-up. */
@Entity("talent_profiles")
export class TalentProfile {
  @PrimaryColumn({ type: "int" })
  talentId: number;

  @OneToOne("User", { onDelete: "CASCADE" })
  @JoinColumn({ name: "talentId" })
  talent?: User;

  @TextColumn({ nullable: true })
  bio: string | null;

  @EnumColumn({ nullable: true })
  gender: Gender | null;

  @Column({ type: "smallint", nullable: true })
  playableAgeMin: number | null;

  @Column({ type: "smallint", nullable: true })
  playableAgeMax: number | null;

  @Column({ type: "smallint", nullable: true })
  heightCm: number | null;

  @StringColumn(120, { nullable: true })
  location: string | null;

  @EnumColumn({ nullable: true })
  unionStatus: UnionStatus | null;

  @TimestampColumn()
  updatedAt: Date;
}
