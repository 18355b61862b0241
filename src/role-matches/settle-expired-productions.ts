import type { DataSource } from "typeorm";
import { retryDeadlocks } from "../db/deadlock";
import { transaction } from "../db/transaction";
import { runSql } from "../db/sql/run-sql";
import { ROLE_COUNTED_FOR_VIEWER, ROLE_FANNED_OUT_TO_VIEWER } from "../db/sql/role-match.sql";
import { addToCounts } from "./kept-counts";
import { lockSettlementMark } from "../db/settlement-mark";

export interface Settlement {
  /** The mark before and after; equal when `now` was not past it. */
  from: Date;
  to: Date;
  /** Productions that expired in between, whose roles left the kept counts. */
  expiredProductions: number;
  /** Talents whose kept count went down. */
  talentsChanged: number;
}

/**
 * Takes the roles of every production that expired since the settlement mark
 * out of the kept newRolesMatched counts that hold them (a role's fan-out may
 * not have reached every talent), and moves the mark to `now`. Readers
 * are right before and after (they subtract what expired after the mark); this
 * only keeps their share small. Safe to run from several instances at once: the
 * mark is locked, and a second run finds nothing left to do.
 *
 * It holds the mark exclusively, so no writer of kept counts runs beside it
 * (they all hold it shared): what it reads from its snapshot stays true until it
 * commits, and it locks only the rows it changes.
 */
export async function settleExpiredProductions(db: DataSource, now: Date): Promise<Settlement> {
  return retryDeadlocks(() =>
    transaction(db, async (manager) => {
      const from = await lockSettlementMark(manager, "exclusive");
      if (now <= from) return { from, to: from, expiredProductions: 0, talentsChanged: 0 };
      const range = { settledThrough: from, settleTo: now };
      const [{ expired }] = await runSql<{ expired: unknown }>(
        manager,
        "SELECT COUNT(*) AS expired FROM productions p WHERE p.expiresAt > :settledThrough AND p.expiresAt <= :settleTo",
        range,
      );
      const expiredProductions = Number(expired);
      let talentsChanged = 0;
      if (expiredProductions > 0) {
        const counted = await runSql<{ talentId: number; roles: unknown }>(
          manager,
          `SELECT viewer.id AS talentId, (
             SELECT COUNT(*) FROM productions p
             JOIN roles r ON r.productionId = p.id
             JOIN talent_profiles tp ON tp.talentId = viewer.id
             WHERE p.expiresAt > :settledThrough AND p.expiresAt <= :settleTo
               AND ${ROLE_FANNED_OUT_TO_VIEWER} AND ${ROLE_COUNTED_FOR_VIEWER}
           ) AS roles
           FROM users viewer WHERE viewer.accountType = 'TALENT'`,
          range,
        );
        // Most talents lose 0 roles, the rest one or a few: one batch per distinct number.
        const talentsByRoles = new Map<number, number[]>();
        for (const row of counted) {
          const roles = Number(row.roles);
          if (roles === 0) continue;
          const talentIds = talentsByRoles.get(roles);
          if (talentIds) talentIds.push(Number(row.talentId));
          else talentsByRoles.set(roles, [Number(row.talentId)]);
          talentsChanged += 1;
        }
        for (const [roles, talentIds] of talentsByRoles) await addToCounts(manager, talentIds, -roles);
      }
      await runSql(manager, "UPDATE role_match_settlement SET settledThrough = :settleTo WHERE id = 1", range);
      return { from, to: now, expiredProductions, talentsChanged };
    }),
  );
}
