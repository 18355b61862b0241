import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { AuditionRequest } from "../../entities/audition-request.entity";
import { groupedByKey } from "./grouped-by-key";

/** Each application's audition requests, newest first. */
export function createAuditionRequestsByApplicationIdLoader(db: DataSource): DataLoader<number, AuditionRequest[]> {
  return new DataLoader(async (applicationIds) => {
    const rows = await db.getRepository(AuditionRequest).find({
      where: { applicationId: In([...applicationIds]) },
      order: { createdAt: "DESC", id: "DESC" },
    });
    return groupedByKey(applicationIds, rows, (row) => row.applicationId);
  });
}
