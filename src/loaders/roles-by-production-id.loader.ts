import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Role } from "../../entities/role.entity";
import { groupedByKey } from "./grouped-by-key";

/** Each production's roles, oldest first (the order they were cast in). */
export function createRolesByProductionIdLoader(db: DataSource): DataLoader<number, Role[]> {
  return new DataLoader(async (productionIds) => {
    const rows = await db.getRepository(Role).find({
      where: { productionId: In([...productionIds]) },
      order: { createdAt: "ASC", id: "ASC" },
    });
    return groupedByKey(productionIds, rows, (row) => row.productionId);
  });
}
