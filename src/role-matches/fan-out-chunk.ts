import type { DataSource, EntityManager } from "typeorm";
import { FANNED_OUT } from "../../entities/role.entity";
import { retryDeadlocks } from "../db/deadlock";
import { lockingReadClause, skipLockedClause } from "../db/row-locks";
import { ROLE_MATCHES_PROFILE } from "../db/sql/role-match.sql";
import { toDate, type SqlDatetime } from "../db/sql/row-values";
import { runSql } from "../db/sql/run-sql";
import { transaction } from "../db/transaction";
import { addToCounts, holdSettlementMark } from "./kept-counts";

/*
 * A new role reaches the kept newRolesMatched of the talents it matches in the
 * background, a chunk of talent ids per transaction, so that addRole costs the
 * same at any platform size and no transaction holds thousands of row locks.
 * roles.countedThroughTalentId is how far it got: talents with an id at most
 * the mark have it in their kept count; readers count it for the others
 * (NEW_ROLES_MATCHED_COLUMN), so newRolesMatched is exact before, during and
 * after. A chunk moves the mark and raises the counts in one commit: a crash
 * leaves both as the last commit put them, and the next chunk goes on from there.
 */

export interface FannedOutChunk {
  kind: "chunk";
  roleId: number;
  /** The talent ids the chunk covered, (from, to]; `to` is FANNED_OUT when it was the last. */
  from: number;
  to: number;
  /** Talents whose kept count the chunk raised. */
  talentsCounted: number;
}

/** A chunk done; "idle": no role left to fan out; "busy": the unfinished roles are all locked right now. */
export type FanOutOutcome = FannedOutChunk | { kind: "idle" } | { kind: "busy" };

/** How many unfinished roles one chunk looks at for one that no other transaction holds. */
const CANDIDATE_ROLES = 16;

/**
 * Fans out the next chunk of one unfinished role: the oldest that no other
 * transaction holds (MariaDB: SKIP LOCKED, so instances share the roles out; a
 * role is held by another instance's chunk, or shared by an application to it
 * in progress). `chunkTalentIds` bounds the id range, and so the rows the chunk
 * locks and the time it takes.
 */
export function fanOutNextChunk(db: DataSource, chunkTalentIds: number): Promise<FanOutOutcome> {
  // READ COMMITTED: the locking read of a range of profiles takes no gap locks, which sign-ups insert into.
  return retryDeadlocks(() =>
    transaction(db, (manager) => fanOutInTransaction(manager, chunkTalentIds), { readCommitted: true }),
  );
}

/** One cheap statement for the timer: is any role's fan-out unfinished? */
export async function hasUnfinishedFanOut(db: DataSource): Promise<boolean> {
  const rows = await runSql(db, "SELECT id FROM roles WHERE countedThroughTalentId < :done LIMIT 1", {
    done: FANNED_OUT,
  });
  return rows.length > 0;
}

interface LockedRole {
  id: number;
  productionId: number;
  createdAt: SqlDatetime;
  countedThroughTalentId: number;
}

async function fanOutInTransaction(manager: EntityManager, chunkTalentIds: number): Promise<FanOutOutcome> {
  // The lock order of kept-counts.ts: the settlement mark, the role, profiles, users.
  const settledThrough = await holdSettlementMark(manager);
  const role = await lockUnfinishedRole(manager);
  if (role === "idle" || role === "busy") return { kind: role };
  const from = Number(role.countedThroughTalentId);

  const [production] = await runSql<{ expiresAt: SqlDatetime }>(
    manager,
    "SELECT expiresAt FROM productions WHERE id = :productionId",
    { productionId: role.productionId },
  );
  // Expired by the settlement mark: no kept count holds such a role, so no talent is left to count.
  if (!production || toDate(production.expiresAt) <= settledThrough) {
    await moveMark(manager, role.id, FANNED_OUT);
    return { kind: "chunk", roleId: role.id, from, to: FANNED_OUT, talentsCounted: 0 };
  }

  const [bounds] = await runSql<{ first: unknown; last: unknown }>(
    manager,
    "SELECT MIN(talentId) AS first, MAX(talentId) AS last FROM talent_profiles WHERE talentId > :from",
    { from },
  );
  if (bounds?.first === null || bounds?.first === undefined) {
    await moveMark(manager, role.id, FANNED_OUT);
    return { kind: "chunk", roleId: role.id, from, to: FANNED_OUT, talentsCounted: 0 };
  }
  // From the next talent on, so a gap in the ids (casting directors, deleted accounts) costs no empty chunk.
  const through = Number(bounds.first) + chunkTalentIds - 1;
  const to = through >= Number(bounds.last) ? FANNED_OUT : through;

  // Shared locks on the profiles: a profile being changed now is read once its change commits.
  const matching = await runSql<{ talentId: number }>(
    manager,
    `SELECT tp.talentId AS talentId FROM talent_profiles tp JOIN roles r ON r.id = :roleId
     WHERE tp.talentId > :from AND tp.talentId <= :to AND ${ROLE_MATCHES_PROFILE}
     ORDER BY tp.talentId${lockingReadClause(manager, "shared")}`,
    { roleId: role.id, from, to },
  );
  const talentIds = matching.map((row) => Number(row.talentId));
  // Not a talent who looked after the role was posted, nor one who applied (or was invited) since.
  const talentsCounted = await addToCounts(
    manager,
    talentIds,
    1,
    `AND rolesMatchedSeenAt < :createdAt
     AND NOT EXISTS (SELECT 1 FROM applications own WHERE own.talentId = users.id AND own.roleId = :roleId)`,
    { createdAt: toDate(role.createdAt), roleId: role.id },
  );
  await moveMark(manager, role.id, to);
  return { kind: "chunk", roleId: role.id, from, to, talentsCounted };
}

/** The oldest unfinished role no other transaction holds, locked; or why there is none. */
async function lockUnfinishedRole(manager: EntityManager): Promise<LockedRole | "idle" | "busy"> {
  // A plain read of IDX_roles_fan_out (the unfinished roles are few), then each candidate locked by primary key:
  // a locking read of the index range would lock every role it passed.
  const candidates = await runSql<{ id: number }>(
    manager,
    `SELECT id FROM roles WHERE countedThroughTalentId < :done ORDER BY id LIMIT ${CANDIDATE_ROLES}`,
    { done: FANNED_OUT },
  );
  if (candidates.length === 0) return "idle";
  for (const candidate of candidates) {
    const [role] = await runSql<LockedRole>(
      manager,
      `SELECT id, productionId, createdAt, countedThroughTalentId FROM roles
       WHERE id = :id AND countedThroughTalentId < :done${skipLockedClause(manager)}`,
      { id: Number(candidate.id), done: FANNED_OUT },
    );
    if (role) return role;
  }
  return "busy";
}

async function moveMark(manager: EntityManager, roleId: number, countedThroughTalentId: number): Promise<void> {
  await runSql(manager, "UPDATE roles SET countedThroughTalentId = :countedThroughTalentId WHERE id = :roleId", {
    roleId,
    countedThroughTalentId,
  });
}
