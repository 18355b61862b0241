import type { EntityManager } from "typeorm";
import { runSql } from "../queries/run-sql";
import { ROLE_MATCHES_PROFILE } from "../queries/role-match.sql";
import { KEPT_COUNT_FROM_SCRATCH, ROLE_COUNTED_FOR_VIEWER } from "./counted-role.sql";
import { lockSettlementMark } from "./settlement-mark";

/*
 * The writes that change a talent's newRolesMatched keep users.newRolesMatchedCount
 * in step, in their own transaction. Each runs one UPDATE whose subqueries read the
 * latest committed rows (InnoDB locks what an UPDATE's subqueries read, even under
 * REPEATABLE READ), so two writers racing on one talent serialize on the user row
 * and neither works from a stale snapshot. Two that lock in opposite orders make a
 * deadlock, which write-then-publish runs again.
 */

/** A new role on an open production: every talent it matches who looked before it was posted counts it. */
export async function countNewRole(manager: EntityManager, role: { id: number; createdAt: Date }): Promise<void> {
  // Shared with other writers; it keeps the settlement job, which updates the same rows, from interleaving.
  await lockSettlementMark(manager, "shared");
  await runSql(
    manager,
    `UPDATE users SET newRolesMatchedCount = newRolesMatchedCount + 1
     WHERE accountType = 'TALENT' AND rolesMatchedSeenAt < :createdAt
       AND EXISTS (SELECT 1 FROM talent_profiles tp JOIN roles r ON r.id = :roleId
                   WHERE tp.talentId = users.id AND ${ROLE_MATCHES_PROFILE})`,
    { roleId: role.id, createdAt: role.createdAt },
  );
}

/**
 * Before the talent's first application to (or invitation for) the role is
 * inserted: if they counted it, they no longer will. Call it only when there is
 * no application yet; the insert follows in the same transaction.
 */
export async function uncountRoleApplied(manager: EntityManager, talentId: number, roleId: number): Promise<void> {
  const settledThrough = await lockSettlementMark(manager, "shared");
  await runSql(
    manager,
    `UPDATE users AS viewer SET newRolesMatchedCount = newRolesMatchedCount - 1
     WHERE viewer.id = :talentId AND EXISTS (
       SELECT 1 FROM roles r
       JOIN productions p ON p.id = r.productionId
       JOIN talent_profiles tp ON tp.talentId = viewer.id
       WHERE r.id = :roleId AND p.expiresAt > :settledThrough AND ${ROLE_COUNTED_FOR_VIEWER})`,
    { talentId, roleId, settledThrough },
  );
}

/**
 * Counts the talent's new matched roles again (after their profile changed which
 * roles match). Takes the settlement mark first: call it before anything else in
 * the transaction locks rows the settlement job reads (the profile, say).
 */
export function holdSettlementForRecount(manager: EntityManager): Promise<Date> {
  return lockSettlementMark(manager, "shared");
}

export async function recountTalent(manager: EntityManager, talentId: number, settledThrough: Date): Promise<void> {
  await runSql(
    manager,
    `UPDATE users AS viewer SET newRolesMatchedCount = ${KEPT_COUNT_FROM_SCRATCH} WHERE viewer.id = :talentId`,
    { talentId, settledThrough },
  );
}

/**
 * Counts every talent's new matched roles from scratch: for rows written
 * around the services (test fixtures, imports). Slow on a big database (a count
 * per talent); the services never need it.
 */
export async function recountAllTalents(manager: EntityManager): Promise<void> {
  const settledThrough = await lockSettlementMark(manager, "exclusive");
  await runSql(
    manager,
    `UPDATE users AS viewer SET newRolesMatchedCount = ${KEPT_COUNT_FROM_SCRATCH} WHERE viewer.accountType = 'TALENT'`,
    { settledThrough },
  );
}
