import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Application } from "../../entities/application.entity";
import { roleIdsByTalent, talentAndRoleKey, type TalentAndRole } from "./talent-and-role";

/** The talent's application to each role (whatever its status, drafts included), or null when there is none. */
export function createApplicationByTalentAndRoleLoader(
  db: DataSource,
): DataLoader<TalentAndRole, Application | null, string> {
  return new DataLoader(
    async (keys) => {
      const found = new Map<string, Application>();
      for (const [talentId, roleIds] of roleIdsByTalent(keys)) {
        const rows = await db.getRepository(Application).findBy({ talentId, roleId: In(roleIds) });
        for (const row of rows) found.set(talentAndRoleKey(row), row);
      }
      return keys.map((key) => found.get(talentAndRoleKey(key)) ?? null);
    },
    { cacheKeyFn: talentAndRoleKey },
  );
}
