import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { Invitation } from "../../entities/invitation.entity";
import { inKeyOrder } from "./in-key-order";

/** The invitation behind each application, or null for one the talent started. */
export function createInvitationByApplicationIdLoader(db: DataSource): DataLoader<number, Invitation | null> {
  return new DataLoader(async (applicationIds) => {
    const rows = await db.getRepository(Invitation).findBy({ applicationId: In([...applicationIds]) });
    return inKeyOrder(applicationIds, rows, (row) => row.applicationId);
  });
}
