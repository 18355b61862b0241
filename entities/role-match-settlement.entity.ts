import { Entity, PrimaryColumn } from "typeorm";
import { TimestampColumn } from "./columns";

/** The one row that says up to when the kept newRolesMatched counts have had expired productions taken out. */
export const SETTLEMENT_ROW_ID = 1;

/**
 * Every talent's `newRolesMatchedCount` leaves out the roles of productions that
 * expired at or before `settledThrough`, and still includes those that expired
 * after it: readers subtract the latter (a handful), and the settlement job
 * moves the mark forward, taking them out of the counts (src/role-matches/).
 */
@Entity("role_match_settlement")
export class RoleMatchSettlement {
  @PrimaryColumn({ type: "int" })
  id: number;

  @TimestampColumn()
  settledThrough: Date;
}
