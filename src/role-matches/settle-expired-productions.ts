import type { DataSource } from "typeorm";
import { transaction } from "../db/transaction";
import { runSql } from "../queries/run-sql";
import { ROLE_COUNTED_FOR_VIEWER } from "./counted-role.sql";
import { lockSettlementMark } from "./settlement-mark";

export interface Settlement {
  /** The mark before and after; equal when `now` was not past it. */
  from: Date;
  to: Date;
  /** Productions that expired in between, whose roles left the kept counts. */
  expiredProductions: number;
}

/**
 * Takes the roles of every production that expired since the settlement mark
 * out of the kept newRolesMatched counts, and moves the mark to `now`. Readers
 * are right before and after (they subtract what expired after the mark); this
 * only keeps their share small. Safe to run from several instances at once: the
 * mark is locked, and a second run finds nothing left to do.
 */
export async function settleExpiredProductions(db: DataSource, now: Date): Promise<Settlement> {
  return transaction(db, async (manager) => {
    const from = await lockSettlementMark(manager, "exclusive");
    if (now <= from) return { from, to: from, expiredProductions: 0 };
    const range = { settledThrough: from, settleTo: now };
    const [{ expired }] = await runSql<{ expired: unknown }>(
      manager,
      "SELECT COUNT(*) AS expired FROM productions p WHERE p.expiresAt > :settledThrough AND p.expiresAt <= :settleTo",
      range,
    );
    const expiredProductions = Number(expired);
    if (expiredProductions > 0) {
      await runSql(
        manager,
        `UPDATE users AS viewer SET newRolesMatchedCount = newRolesMatchedCount - (
           SELECT COUNT(*) FROM productions p
           JOIN roles r ON r.productionId = p.id
           JOIN talent_profiles tp ON tp.talentId = viewer.id
           WHERE p.expiresAt > :settledThrough AND p.expiresAt <= :settleTo AND ${ROLE_COUNTED_FOR_VIEWER})
         WHERE viewer.accountType = 'TALENT'`,
        range,
      );
    }
    await runSql(manager, "UPDATE role_match_settlement SET settledThrough = :settleTo WHERE id = 1", range);
    return { from, to: now, expiredProductions };
  });
}
