import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import { ROLE_MATCHES_PROFILE } from "../db/sql/role-match.sql";
import { runSql } from "../db/sql/run-sql";
import { roleIdsByTalent, talentAndRoleKey, type TalentAndRole } from "./talent-and-role";

/**
 * Whether each role's requirements are met by the talent's profile, by the
 * contract's matching rule (the one the dashboard's matchedRoles uses). A
 * talent with no profile matches nothing.
 */
export function createRoleMatchesTalentLoader(db: DataSource): DataLoader<TalentAndRole, boolean, string> {
  return new DataLoader(
    async (keys) => {
      const matching = new Set<string>();
      for (const [talentId, roleIds] of roleIdsByTalent(keys)) {
        const rows = await runSql<{ roleId: number | string }>(
          db,
          `SELECT r.id AS roleId FROM roles r JOIN talent_profiles tp ON tp.talentId = :talentId
           WHERE r.id IN (:...roleIds) AND ${ROLE_MATCHES_PROFILE}`,
          { talentId, roleIds },
        );
        for (const row of rows) matching.add(talentAndRoleKey({ talentId, roleId: Number(row.roleId) }));
      }
      return keys.map((key) => matching.has(talentAndRoleKey(key)));
    },
    { cacheKeyFn: talentAndRoleKey },
  );
}
