import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { TalentSkill } from "../../entities/talent-skill.entity";
import { groupedByKey } from "./grouped-by-key";

/** Each talent's skills, in alphabetical order. */
export function createSkillsByTalentIdLoader(db: DataSource): DataLoader<number, TalentSkill[]> {
  return new DataLoader(async (talentIds) => {
    const rows = await db.getRepository(TalentSkill).find({
      where: { talentId: In([...talentIds]) },
      order: { name: "ASC", id: "ASC" },
    });
    return groupedByKey(talentIds, rows, (row) => row.talentId);
  });
}
