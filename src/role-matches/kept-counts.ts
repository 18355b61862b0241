import type { EntityManager } from "typeorm";
import { isSqlite, lockingReadClause } from "../db/row-locks";
import { runSql, runSqlCountingRows } from "../db/sql/run-sql";
import { KEPT_COUNT_FROM_SCRATCH, ROLE_COUNTED_FOR_VIEWER } from "../db/sql/role-match.sql";
import { lockSettlementMark } from "../db/settlement-mark";

/*
 * The writes that change a talent's newRolesMatched keep users.newRolesMatchedCount
 * in step, in their own transaction. How they lock, on MariaDB (SQLite has one
 * writer at a time and needs none of this):
 *
 * - Each takes the settlement mark, shared, before it locks anything else
 *   (holdSettlementMark). The settlement job takes it exclusively, so it never
 *   runs beside them; taken later, a writer holding a row could wait for the mark
 *   behind the job while the job waits for that row.
 * - Then the role row, where the write concerns one role: a fan-out chunk of a
 *   new role (fan-out-chunk.ts) locks it exclusively, a first application or
 *   invitation shared (uncountRoleApplied), so one of them commits before the
 *   other reads: either the chunk sees the application and skips the talent, or
 *   the application sees the moved mark and takes the counted role out.
 * - Then talent profiles (shared, by the fan-out) and user rows, in id order.
 * - Each locks only the user rows whose count it changes, by primary key. An
 *   UPDATE that scanned the users table would lock every row it passes, casting
 *   directors included, and deadlock with the inserts that check their foreign keys.
 * - What decides a count is read with locking reads (the UPDATE's own subqueries,
 *   or LOCK IN SHARE MODE), which see the latest committed rows and wait for
 *   uncommitted ones, except in recountTalent, which counts from a snapshot taken
 *   after it locked the talent (see lockTalentCounts).
 *
 * A deadlock that still happens is rolled back and run again by write-then-publish.
 */

/** At most this many ids per statement, under both engines' parameter limits. */
const IDS_PER_STATEMENT = 5_000;

/** Every transaction that changes kept counts calls this first; it returns the mark. */
export function holdSettlementMark(manager: EntityManager): Promise<Date> {
  return lockSettlementMark(manager, "shared");
}

/**
 * Before the talent's first application to (or invitation for) the role is
 * inserted: if they counted it, they no longer will. Call it only when there is
 * no application yet; the insert follows in the same transaction, which holds
 * the role row shared from here on, so the role's fan-out cannot pass the
 * talent before the application commits (and then skips them).
 */
export async function uncountRoleApplied(
  manager: EntityManager,
  settledThrough: Date,
  talentId: number,
  roleId: number,
): Promise<void> {
  const [role] = await runSql<{ countedThroughTalentId: unknown }>(
    manager,
    `SELECT countedThroughTalentId FROM roles WHERE id = :roleId${lockingReadClause(manager, "shared")}`,
    { roleId },
  );
  // Not fanned out to the talent yet: their kept count never held it, and readers stop counting it.
  if (!role || talentId > Number(role.countedThroughTalentId)) return;
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
 * Locks the talent's row for recountTalent: call it right after holdSettlementMark,
 * before the transaction's first plain read, which fixes the snapshot the recount
 * counts from. A writer that changes the talent's count meanwhile (a new role, an
 * application) then either committed before that snapshot or waits for this
 * transaction and applies its change on top of the recount.
 */
export async function lockTalentCounts(manager: EntityManager, talentId: number): Promise<void> {
  if (isSqlite(manager)) return;
  await runSql(manager, "SELECT id FROM users WHERE id = :talentId FOR UPDATE", { talentId });
}

/**
 * Counts the talent's new matched roles again (after their profile changed which
 * roles match), from the transaction's snapshot: counting in an UPDATE's subquery
 * would lock every role it reads and deadlock with each concurrent addRole.
 */
export async function recountTalent(manager: EntityManager, talentId: number, settledThrough: Date): Promise<void> {
  const [row] = await runSql<{ counted: unknown }>(
    manager,
    `SELECT ${KEPT_COUNT_FROM_SCRATCH} AS counted FROM users viewer WHERE viewer.id = :talentId`,
    { talentId, settledThrough },
  );
  if (!row) return;
  await runSql(manager, "UPDATE users SET newRolesMatchedCount = :counted WHERE id = :talentId", {
    talentId,
    counted: Number(row.counted),
  });
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

/**
 * Adds `delta` to the counts of `talentIds` that meet `condition`, in id order
 * (every writer locks users in the same order); returns how many changed.
 */
export async function addToCounts(
  manager: EntityManager,
  talentIds: readonly number[],
  delta: number,
  condition = "",
  parameters: Record<string, unknown> = {},
): Promise<number> {
  const sorted = [...talentIds].sort((a, b) => a - b);
  let changed = 0;
  for (let start = 0; start < sorted.length; start += IDS_PER_STATEMENT) {
    changed += await runSqlCountingRows(
      manager,
      `UPDATE users SET newRolesMatchedCount = newRolesMatchedCount + :delta WHERE id IN (:...ids) ${condition}`,
      { ...parameters, delta, ids: sorted.slice(start, start + IDS_PER_STATEMENT) },
    );
  }
  return changed;
}
