import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { TalentCredit } from "../../entities/talent-credit.entity";
import { groupedByKey } from "./grouped-by-key";

/** Each talent's credits, most recent year first (undated ones last), then in the order they were listed. */
export function createCreditsByTalentIdLoader(db: DataSource): DataLoader<number, TalentCredit[]> {
  return new DataLoader(async (talentIds) => {
    const rows = await db.getRepository(TalentCredit).find({
      where: { talentId: In([...talentIds]) },
      order: { id: "ASC" },
    });
    const byYear = [...rows].sort((a, b) => (b.year ?? -Infinity) - (a.year ?? -Infinity));
    return groupedByKey(talentIds, byYear, (row) => row.talentId);
  });
}
